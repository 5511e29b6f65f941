package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.oauth.JwtPayload;
import dev.cliproxy.auth.store.CredentialFile;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The auth file of one ChatGPT account, in CLIProxyAPI's layout so existing directories keep
 * working: {@code codex-<email>.json} holding {@code id_token, access_token, refresh_token,
 * account_id, last_refresh, email, type, expired} in that order; times are RFC 3339 with seconds
 * and the local offset.
 */
final class CodexAccountFile {
  /** Used when the token endpoint gives no lifetime and the access token has no {@code exp}. */
  static final Duration FALLBACK_LIFETIME = Duration.ofHours(1);

  private CodexAccountFile() {}

  /**
   * The file name for an account: {@code codex-<email>.json}, as CLIProxyAPI 2025-12 names it (path
   * separators replaced, so an odd email cannot leave the auth directory).
   */
  static String fileName(String email) {
    String safe = email.strip().replace('/', '_').replace('\\', '_');
    if (safe.startsWith(".")) {
      safe = "_" + safe.substring(1);
    }
    return "codex-" + safe + ".json";
  }

  /**
   * The file a fresh login writes.
   *
   * @throws IllegalArgumentException when the id_token has no email (the file could not be named)
   */
  static CredentialFile fromLogin(CodexTokens tokens, Instant now, ZoneId zone) {
    IdTokenClaims claims = tokens.claims();
    String email =
        claims
            .emailIfKnown()
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "the id_token has no email claim, so the account cannot be identified"));
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id_token", tokens.idToken());
    json.put("access_token", tokens.accessToken());
    json.put("refresh_token", tokens.refreshToken());
    json.put("account_id", claims.accountId());
    json.put("last_refresh", time(now, zone));
    json.put("email", email);
    json.put("type", CodexKind.TYPE);
    json.put("expired", time(expiry(tokens, now), zone));
    return CredentialFile.of(fileName(email), json);
  }

  /**
   * The file after a refresh: new tokens, {@code expired} and {@code last_refresh}; a refresh
   * token, id_token, email or account id the answer lacks keeps its old value, and every other
   * field stays.
   */
  static CredentialFile afterRefresh(
      CredentialFile current, CodexTokens tokens, Instant now, ZoneId zone) {
    IdTokenClaims claims = tokens.claims();
    return current.with(json -> {
      if (!tokens.idToken().isEmpty()) {
        json.put("id_token", tokens.idToken());
      }
      json.put("access_token", tokens.accessToken());
      if (!tokens.refreshToken().isEmpty()) {
        json.put("refresh_token", tokens.refreshToken());
      }
      claims.accountIdIfKnown().ifPresent(id -> json.put("account_id", id));
      claims.emailIfKnown().ifPresent(email -> json.put("email", email));
      json.put("last_refresh", time(now, zone));
      json.put("type", CodexKind.TYPE);
      json.put("expired", time(expiry(tokens, now), zone));
    });
  }

  /** The ChatGPT account id: the file's {@code account_id}, else the id_token's claim. */
  static Optional<String> accountId(CredentialFile file) {
    Optional<String> stored =
        file.get("account_id")
            .filter(n -> n.isTextual())
            .map(n -> n.asText())
            .filter(s -> !s.isBlank());
    return stored.or(() -> file.idToken().flatMap(t -> IdTokenClaims.parse(t).accountIdIfKnown()));
  }

  private static Instant expiry(CodexTokens tokens, Instant now) {
    return tokens
        .expiresIn()
        .map(now::plus)
        .or(() -> JwtPayload.expiry(tokens.accessToken()))
        .orElse(now.plus(FALLBACK_LIFETIME));
  }

  /** RFC 3339 with seconds and the zone's offset ({@code Z} in UTC), as CLIProxyAPI writes. */
  static String time(Instant instant, ZoneId zone) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
