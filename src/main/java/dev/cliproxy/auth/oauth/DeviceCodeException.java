package dev.cliproxy.auth.oauth;

/** A device-code login that ended without a token: denied, expired, or refused by the server. */
public final class DeviceCodeException extends Exception {
  private final String error;

  public DeviceCodeException(String error, String message) {
    super(message);
    this.error = error;
  }

  /**
   * The OAuth error code: {@code access_denied}, {@code expired_token}, or what the server sent.
   */
  public String error() {
    return error;
  }
}
