package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * A successful answer of the OpenAI token endpoint, to a code exchange or a refresh.
 *
 * @param accessToken the bearer for the Codex backend
 * @param refreshToken the new refresh token; empty when the answer has none (then the old one
 *     stays)
 * @param idToken the id_token JWT with the account's claims; empty when the answer has none
 * @param expiresIn the access token's lifetime, if the answer gives one
 */
public record CodexTokens(
    String accessToken, String refreshToken, String idToken, Optional<Duration> expiresIn) {

  /**
   * Reads a token endpoint answer.
   *
   * @throws IllegalArgumentException when it has no access token (the message names no value)
   */
  static CodexTokens from(JsonNode answer) {
    String access = text(answer, "access_token");
    if (access.isEmpty()) {
      throw new IllegalArgumentException("the token endpoint's answer has no access_token");
    }
    JsonNode expires = answer.get("expires_in");
    Optional<Duration> lifetime = Optional.empty();
    if (expires != null && (expires.isNumber() || expires.isTextual())) {
      try {
        long seconds = expires.isNumber() ? expires.asLong() : Long.parseLong(expires.asText());
        if (seconds > 0) {
          lifetime = Optional.of(Duration.ofSeconds(seconds));
        }
      } catch (NumberFormatException ignored) {
        // no usable lifetime
      }
    }
    return new CodexTokens(
        access, text(answer, "refresh_token"), text(answer, "id_token"), lifetime);
  }

  /** The claims of the id_token ({@link IdTokenClaims#NONE} without one). */
  public IdTokenClaims claims() {
    return IdTokenClaims.parse(idToken);
  }

  private static String text(JsonNode answer, String field) {
    JsonNode node = answer.get(field);
    return node != null && node.isTextual() ? node.asText() : "";
  }

  @Override
  public String toString() {
    return "CodexTokens[<hidden>, expiresIn=" + expiresIn.map(Duration::toString).orElse("?") + "]";
  }
}
