package dev.cliproxy.provider.antigravity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.google.GoogleTokens;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Antigravity auth files in CLIProxyAPI's layout ({@code type: antigravity}), flat: {@code
 * access_token}, {@code refresh_token}, {@code email}, {@code expired} (RFC 3339), {@code
 * expires_in} (seconds), {@code timestamp} (Unix milliseconds at issue) and {@code project_id}.
 */
final class AntigravityAuthFile {
  static final String TYPE = "antigravity";

  private AntigravityAuthFile() {}

  /** {@code antigravity-<email>.json}. */
  static String fileName(String email) {
    return "antigravity-" + email + ".json";
  }

  /** A new file for a fresh login, keys in sorted order as the reference writes them. */
  static CredentialFile fromLogin(
      GoogleTokens tokens, String email, String project, Instant now, ZoneId zone) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("access_token", tokens.accessToken());
    json.put("email", email);
    json.put("expired", time(now.plusSeconds(tokens.expiresInSeconds()), zone));
    json.put("expires_in", tokens.expiresInSeconds());
    json.put("project_id", project);
    json.put("refresh_token", tokens.refreshToken());
    json.put("timestamp", now.toEpochMilli());
    json.put("type", TYPE);
    return CredentialFile.of(fileName(email), json);
  }

  /**
   * The file after a refresh: the new access token, {@code expires_in}, {@code timestamp} and
   * {@code expired}; a refresh token the answer lacks keeps its old value.
   */
  static CredentialFile refreshed(
      CredentialFile current, GoogleTokens tokens, Instant now, ZoneId zone) {
    return current.with(json -> {
      json.put("access_token", tokens.accessToken());
      if (!tokens.refreshToken().isEmpty()) {
        json.put("refresh_token", tokens.refreshToken());
      }
      json.put("expires_in", tokens.expiresInSeconds());
      json.put("timestamp", now.toEpochMilli());
      json.put("expired", time(now.plusSeconds(tokens.expiresInSeconds()), zone));
      json.put("type", TYPE);
    });
  }

  /** The Code Assist project the file names, if any. */
  static Optional<String> project(CredentialFile file) {
    return file.get("project_id").map(JsonNode::asText).map(String::trim).filter(p -> !p.isEmpty());
  }

  /** RFC 3339 with the local offset, as Go writes a {@code time.Time}. */
  private static String time(Instant instant, ZoneId zone) {
    return OffsetDateTime.ofInstant(instant, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
