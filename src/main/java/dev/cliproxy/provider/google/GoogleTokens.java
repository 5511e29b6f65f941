package dev.cliproxy.provider.google;

/**
 * What Google's token endpoint answered. {@link #toString()} hides the tokens.
 *
 * @param accessToken the bearer for Google APIs
 * @param refreshToken the refresh token; empty when the answer had none (a refresh keeps the old)
 * @param expiresInSeconds the access token's lifetime
 * @param tokenType {@code Bearer}
 */
public record GoogleTokens(
    String accessToken, String refreshToken, long expiresInSeconds, String tokenType) {

  @Override
  public String toString() {
    return "GoogleTokens[<hidden>, expiresIn=" + expiresInSeconds + "s]";
  }
}
