package dev.cliproxy.auth.oauth;

/** What the OAuth redirect brought back: a code, a refusal, or nothing in time. */
public sealed interface CallbackResult {
  /** The provider sent an authorization code; the caller must still check {@code state}. */
  record Code(String code, String state) implements CallbackResult {
    @Override
    public String toString() {
      return "Code[code=<hidden>, state=<hidden>]";
    }
  }

  /**
   * The provider sent {@code error} (for example {@code access_denied} when consent was refused),
   * or the redirect was unusable; {@code description} may be empty.
   */
  record Denied(String error, String description) implements CallbackResult {}

  /** No redirect arrived before the wait ended. */
  record TimedOut() implements CallbackResult {}
}
