package dev.cliproxy.provider.claude;

import java.util.Optional;

/**
 * What Claude's token endpoint answered: the tokens and the account they belong to. {@link
 * #toString()} hides the tokens.
 *
 * @param accessToken the bearer for the Messages API
 * @param refreshToken the next refresh token (Anthropic rotates them); empty if none was sent
 * @param expiresInSeconds the access token's lifetime
 * @param email the account's email address, if the answer named it
 */
record ClaudeTokens(
    String accessToken, String refreshToken, long expiresInSeconds, Optional<String> email) {

  @Override
  public String toString() {
    return "ClaudeTokens[<hidden>, expiresIn=" + expiresInSeconds + "s, email=" + email + "]";
  }
}
