package dev.cliproxy.provider.geminicli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.google.GoogleOAuthClient;
import dev.cliproxy.provider.google.GoogleTokenEndpoint;
import dev.cliproxy.provider.google.GoogleTokens;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Gemini CLI auth files in CLIProxyAPI's layout ({@code type: gemini}): a {@code token} object in
 * gemini-cli's own credential format ({@code access_token}, {@code refresh_token}, {@code
 * token_uri}, {@code client_id}, {@code client_secret}, {@code scopes}, {@code expiry} …), and
 * {@code project_id} (one id, or several joined with commas), {@code email}, {@code auto}, {@code
 * checked}.
 */
final class GeminiAuthFile {
  static final String TYPE = "gemini";

  private static final List<String> TOP_LEVEL_EXPIRY_KEYS =
      List.of("expired", "expire", "expires_at", "expiresAt", "expiry", "expires");

  private GeminiAuthFile() {}

  /** {@code gemini-<email>-<project>.json}, or {@code gemini-<email>-all.json} for several. */
  static String fileName(String email, List<String> projects) {
    String project = projects.size() == 1 ? projects.get(0) : "all";
    if (project.equalsIgnoreCase("all")) {
      project = "all";
    }
    return "gemini-" + email + "-" + project + ".json";
  }

  /** A new file for a fresh login. */
  static CredentialFile fromLogin(
      GoogleTokens tokens,
      GoogleOAuthClient client,
      String email,
      List<String> projects,
      boolean auto,
      Instant now,
      ZoneId zone) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    ObjectNode token = json.putObject("token");
    token.put("access_token", tokens.accessToken());
    token.put("client_id", client.clientId());
    token.put("client_secret", client.clientSecret());
    token.put("expiry", time(now.plusSeconds(tokens.expiresInSeconds()), zone));
    token.put("expires_in", tokens.expiresInSeconds());
    token.put("refresh_token", tokens.refreshToken());
    ArrayNode scopes = token.putArray("scopes");
    client.scopes().forEach(scopes::add);
    token.put("token_type", tokens.tokenType());
    token.put("token_uri", GoogleTokenEndpoint.DEFAULT_URL);
    token.put("universe_domain", "googleapis.com");
    json.put("project_id", String.join(",", projects));
    json.put("email", email);
    json.put("auto", auto);
    json.put("checked", true);
    json.put("type", TYPE);
    return CredentialFile.of(fileName(email, projects), json);
  }

  /**
   * The file after a refresh: the new access token and expiry in {@code token} (and at the top
   * level, for files that keep one there); a refresh token the answer lacks keeps its old value.
   */
  static CredentialFile refreshed(
      CredentialFile current, GoogleTokens tokens, Instant now, ZoneId zone) {
    return current.with(json -> {
      ObjectNode token = json.get("token") instanceof ObjectNode t ? t : json.putObject("token");
      token.put("access_token", tokens.accessToken());
      token.put("expiry", time(now.plusSeconds(tokens.expiresInSeconds()), zone));
      token.put("expires_in", tokens.expiresInSeconds());
      token.put("token_type", tokens.tokenType());
      if (!tokens.refreshToken().isEmpty()) {
        token.put("refresh_token", tokens.refreshToken());
      }
      if (json.has("access_token")) {
        json.put("access_token", tokens.accessToken());
        json.put("expiry", token.get("expiry").asText());
      }
      // A top-level expiry is read before the token's: any there must move on too.
      for (String key : TOP_LEVEL_EXPIRY_KEYS) {
        if (json.has(key)) {
          json.put(key, token.get("expiry").asText());
        }
      }
      if (json.has("refresh_token") && !tokens.refreshToken().isEmpty()) {
        json.put("refresh_token", tokens.refreshToken());
      }
    });
  }

  /** The projects the file names: {@code project_id} split at commas; empty when none. */
  static List<String> projects(CredentialFile file) {
    String value = file.get("project_id").map(JsonNode::asText).orElse("");
    return Arrays.stream(value.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
  }

  /** The token endpoint the file names ({@code token.token_uri}), else Google's. */
  static String tokenUri(CredentialFile file) {
    String uri = file.get("token").map(t -> t.path("token_uri").asText("")).orElse("").trim();
    return uri.isEmpty() ? GoogleTokenEndpoint.DEFAULT_URL : uri;
  }

  /** RFC 3339 with nanoseconds and the local offset, as Go's oauth2 library writes it. */
  static String time(Instant instant, ZoneId zone) {
    return OffsetDateTime.ofInstant(instant, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** Whether a {@code --project_id} value asks for every project. */
  static boolean isAll(String value) {
    return value.trim().toLowerCase(Locale.ROOT).equals("all");
  }
}
