package dev.cliproxy.auth;

/** What a credential authenticates with upstream. */
public sealed interface Secret {

  /** The token to send now: the key, the account's current access token, or empty for none. */
  String token();

  /** A fixed API key from config. */
  record ApiKey(String value) implements Secret {
    @Override
    public String token() {
      return value;
    }

    @Override
    public String toString() {
      return "ApiKey[<redacted>]";
    }
  }

  /** An upstream that needs no key (a local server). */
  record None() implements Secret {
    @Override
    public String token() {
      return "";
    }
  }

  /** An OAuth account from an auth file, whose access token is refreshed while it lives. */
  record OAuth(Account account) implements Secret {
    @Override
    public String token() {
      return account.accessToken();
    }
  }

  /** An API key, or {@link None} when the key is empty. */
  static Secret key(String apiKey) {
    return apiKey.isEmpty() ? new None() : new ApiKey(apiKey);
  }
}
