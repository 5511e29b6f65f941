package dev.cliproxy.provider.claude;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.store.CredentialFile;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Claude auth files in CLIProxyAPI's layout: {@code claude-<email>.json} with {@code id_token}
 * (always empty), {@code access_token}, {@code refresh_token}, {@code last_refresh}, {@code email},
 * {@code type} and {@code expired}, times in RFC 3339 with the local offset.
 */
final class ClaudeAuthFile {
  static final String TYPE = "claude";

  private ClaudeAuthFile() {}

  /** The file name for an account. */
  static String fileName(String email) {
    return "claude-" + email + ".json";
  }

  /** A new file for a fresh login; the answer must name the account. */
  static CredentialFile fromLogin(ClaudeTokens tokens, String email, Instant now, ZoneId zone) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id_token", "");
    json.put("access_token", tokens.accessToken());
    json.put("refresh_token", tokens.refreshToken());
    json.put("last_refresh", time(now, zone));
    json.put("email", email);
    json.put("type", TYPE);
    json.put("expired", time(now.plusSeconds(tokens.expiresInSeconds()), zone));
    return CredentialFile.of(fileName(email), json);
  }

  /**
   * The file after a refresh: new tokens and times; a refresh token or email the answer lacks keeps
   * its old value, and every other field stays as it was.
   */
  static CredentialFile refreshed(
      CredentialFile current, ClaudeTokens tokens, Instant now, ZoneId zone) {
    return current.with(json -> {
      json.put("access_token", tokens.accessToken());
      if (!tokens.refreshToken().isEmpty()) {
        json.put("refresh_token", tokens.refreshToken());
      }
      tokens.email().ifPresent(email -> json.put("email", email));
      json.put("type", TYPE);
      json.put("expired", time(now.plusSeconds(tokens.expiresInSeconds()), zone));
      json.put("last_refresh", time(now, zone));
    });
  }

  /** RFC 3339 with seconds and the local offset, as CLIProxyAPI writes it. */
  static String time(Instant instant, ZoneId zone) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
