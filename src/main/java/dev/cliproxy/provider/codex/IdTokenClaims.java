package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.auth.oauth.JwtPayload;
import java.util.Optional;

/**
 * What the proxy reads from an OpenAI id_token: the account's email, its ChatGPT account id (sent
 * upstream as {@code Chatgpt-Account-Id}) and plan type. The signature is not checked — the token
 * came straight from the token endpoint over TLS — and parsing is lenient: a claim of an unexpected
 * type is simply absent, and a malformed token gives no claims rather than an error.
 *
 * @param email the {@code email} claim, empty when absent
 * @param accountId {@code https://api.openai.com/auth} → {@code chatgpt_account_id}, empty when
 *     absent
 * @param planType {@code https://api.openai.com/auth} → {@code chatgpt_plan_type} (plus, pro, …),
 *     empty when absent
 */
public record IdTokenClaims(String email, String accountId, String planType) {
  public static final IdTokenClaims NONE = new IdTokenClaims("", "", "");

  private static final String AUTH_CLAIM = "https://api.openai.com/auth";

  /** The claims of a JWT, or {@link #NONE} when it is not a readable JWT. */
  public static IdTokenClaims parse(String jwt) {
    return JwtPayload.of(jwt)
        .map(payload -> {
          JsonNode auth = payload.path(AUTH_CLAIM);
          return new IdTokenClaims(
              text(payload.get("email")),
              text(auth.get("chatgpt_account_id")),
              text(auth.get("chatgpt_plan_type")));
        })
        .orElse(NONE);
  }

  /** The email, if the token has one. */
  public Optional<String> emailIfKnown() {
    return email.isEmpty() ? Optional.empty() : Optional.of(email);
  }

  /** The account id, if the token has one. */
  public Optional<String> accountIdIfKnown() {
    return accountId.isEmpty() ? Optional.empty() : Optional.of(accountId);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText().strip() : "";
  }
}
