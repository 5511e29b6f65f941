package dev.cliproxy.auth.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One CLIProxyAPI auth file ({@code codex-a@b.com.json}, ...) as an immutable value: every field of
 * the JSON object is kept, unknown ones included, in file order, so writing it back loses nothing.
 *
 * <p>The typed accessors read the fields the proxy needs; {@link #with} makes an updated copy.
 * {@link #toString()} never shows a token.
 */
public final class CredentialFile {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Numbers come back exactly as written: no double rounding, no stripped zeros.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** Keys that may hold the expiry, in the order CLIProxyAPI tries them. */
  private static final List<String> EXPIRY_KEYS =
      List.of("expired", "expire", "expires_at", "expiresAt", "expiry", "expires");

  private final String fileName;
  private final ObjectNode json;

  private CredentialFile(String fileName, ObjectNode json) {
    this.fileName = fileName;
    this.json = json;
  }

  /**
   * Reads one auth file's content.
   *
   * @param fileName the file's name inside the auth directory; becomes {@link #id()}
   * @throws CredentialFileException if the content is not one JSON object with a non-empty string
   *     {@code type}
   */
  public static CredentialFile parse(String fileName, byte[] content) {
    Objects.requireNonNull(fileName, "fileName");
    if (content.length == 0) {
      throw new CredentialFileException(fileName, "the file is empty");
    }
    JsonNode node;
    try {
      node = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the file's content, which holds tokens: keep only where.
      var where = e.getLocation();
      String at =
          where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      throw new CredentialFileException(fileName, "not valid JSON" + at);
    } catch (IOException e) {
      throw new CredentialFileException(
          fileName, "cannot be read: " + e.getClass().getSimpleName());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new CredentialFileException(fileName, "not a JSON object");
    }
    return of(fileName, object);
  }

  /**
   * A credential file from a JSON object, which is copied.
   *
   * @throws CredentialFileException if it has no non-empty string {@code type}
   */
  public static CredentialFile of(String fileName, ObjectNode json) {
    Objects.requireNonNull(fileName, "fileName");
    JsonNode type = json.get("type");
    if (type == null || !type.isTextual() || type.asText().isBlank()) {
      throw new CredentialFileException(fileName, "has no \"type\" (a non-empty string)");
    }
    return new CredentialFile(fileName, json.deepCopy());
  }

  /**
   * The file name inside the auth directory, e.g. {@code codex-a@b.com.json}; the credential id.
   */
  public String id() {
    return fileName;
  }

  /** The {@code type} field as written, e.g. {@code gemini}. */
  public String type() {
    return json.get("type").asText();
  }

  /** The provider key: the lower-cased type, with {@code gemini} becoming {@code gemini-cli}. */
  public String provider() {
    String type = type().trim().toLowerCase(Locale.ROOT);
    return type.equals("gemini") ? "gemini-cli" : type;
  }

  /** What logs call it: the email, else the provider. Never a secret. */
  public String label() {
    return email().orElse(provider());
  }

  public Optional<String> email() {
    return text(json, "email");
  }

  /** The access token, at the top level or inside Gemini's nested {@code token} object. */
  public Optional<String> accessToken() {
    return textHere("access_token");
  }

  /** The refresh token, at the top level or inside Gemini's nested {@code token} object. */
  public Optional<String> refreshToken() {
    return textHere("refresh_token");
  }

  public Optional<String> idToken() {
    return text(json, "id_token");
  }

  /** The upstream base URL from {@code base_url}, for files that override it. */
  public Optional<String> baseUrl() {
    return text(json, "base_url");
  }

  /** The outbound proxy from {@code proxy_url}, as written. */
  public Optional<String> proxyUrl() {
    return text(json, "proxy_url");
  }

  /**
   * The credential group from {@code credential_group}: client keys bound to a group are served by
   * its members only.
   */
  public Optional<String> credentialGroup() {
    return text(json, "credential_group");
  }

  /** The {@code last_refresh} value as written. */
  public Optional<String> lastRefresh() {
    return text(json, "last_refresh");
  }

  /** {@code "disabled": true} in the file (a [head] addition); absent means enabled. */
  public boolean disabled() {
    JsonNode node = json.get("disabled");
    return node != null && node.isBoolean() && node.booleanValue();
  }

  /**
   * When the access token expires: the first parseable of {@code expired, expire, expires_at,
   * expiresAt, expiry, expires}, at the top level and then inside a nested {@code token}. Accepts
   * RFC 3339 and Unix time (seconds, or milliseconds above 10^12) as number or numeric string. Else
   * {@code timestamp} (when issued) plus {@code expires_in} seconds, as Antigravity's files say it.
   */
  public Optional<Instant> expiry() {
    Optional<Instant> top = expiryIn(json);
    if (top.isPresent()) {
      return top;
    }
    JsonNode token = json.has("token") ? json.get("token") : json.get("Token");
    Optional<Instant> nested = token instanceof ObjectNode t ? expiryIn(t) : Optional.empty();
    if (nested.isPresent()) {
      return nested;
    }
    JsonNode lifetime = json.get("expires_in");
    return lifetime != null && lifetime.canConvertToLong() && lifetime.asLong() > 0
        ? parseTime(json.get("timestamp")).map(issued -> issued.plusSeconds(lifetime.asLong()))
        : Optional.empty();
  }

  /** A field as it is in the file, or empty when absent. The node is a copy. */
  public Optional<JsonNode> get(String field) {
    return Optional.ofNullable(json.get(field)).map(JsonNode::deepCopy);
  }

  /** A copy of the whole JSON object, in file order. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  /** A copy with one string field set; an existing field keeps its place, a new one goes last. */
  public CredentialFile with(String field, String value) {
    return with(object -> object.put(field, value));
  }

  /** A copy with one field set to a JSON value; an existing field keeps its place. */
  public CredentialFile with(String field, JsonNode value) {
    return with(object -> object.set(field, value.deepCopy()));
  }

  /** A copy with one field removed. */
  public CredentialFile without(String field) {
    return with(object -> object.remove(field));
  }

  /**
   * A copy changed by {@code edit}, which gets a private copy of the JSON object.
   *
   * @throws CredentialFileException if the edit leaves no valid {@code type}
   */
  public CredentialFile with(Consumer<ObjectNode> edit) {
    ObjectNode copy = json.deepCopy();
    edit.accept(copy);
    return of(fileName, copy);
  }

  /** The file content to write: one compact JSON object and a newline, as CLIProxyAPI's login. */
  public byte[] toBytes() {
    try {
      byte[] body = JSON.writeValueAsBytes(json);
      byte[] out = new byte[body.length + 1];
      System.arraycopy(body, 0, out, 0, body.length);
      out[body.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CredentialFile that
        && fileName.equals(that.fileName)
        && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return fileName.hashCode() * 31 + json.hashCode();
  }

  @Override
  public String toString() {
    return "CredentialFile[" + fileName + ", " + provider() + ", " + label() + "]";
  }

  private Optional<String> textHere(String field) {
    Optional<String> top = text(json, field);
    if (top.isPresent()) {
      return top;
    }
    return json.get("token") instanceof ObjectNode token ? text(token, field) : Optional.empty();
  }

  private static Optional<String> text(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    return node != null && node.isTextual() && !node.asText().isEmpty()
        ? Optional.of(node.asText())
        : Optional.empty();
  }

  private static Optional<Instant> expiryIn(ObjectNode object) {
    for (String key : EXPIRY_KEYS) {
      Optional<Instant> parsed = parseTime(object.get(key));
      if (parsed.isPresent()) {
        return parsed;
      }
    }
    return Optional.empty();
  }

  static Optional<Instant> parseTime(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isNumber()) {
      return Optional.of(unix(node.longValue()));
    }
    if (!node.isTextual()) {
      return Optional.empty();
    }
    String text = node.asText().trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notRfc3339) {
      try {
        return Optional.of(unix(Long.parseLong(text)));
      } catch (NumberFormatException notNumeric) {
        return Optional.empty();
      }
    }
  }

  private static Instant unix(long value) {
    return value > 1_000_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }
}
