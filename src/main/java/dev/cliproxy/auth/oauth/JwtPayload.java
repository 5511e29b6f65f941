package dev.cliproxy.auth.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The claims part of a JWT, read without checking the signature (the proxy only reads tokens it got
 * straight from a token endpoint, or the user's own auth files). Anything unreadable gives no
 * payload, never an exception.
 */
public final class JwtPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JwtPayload() {}

  /** The decoded payload object, or empty when {@code jwt} is not a three-part JWT with one. */
  public static Optional<JsonNode> of(String jwt) {
    if (jwt == null) {
      return Optional.empty();
    }
    String[] parts = jwt.strip().split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    String segment = parts[1];
    int end = segment.length();
    while (end > 0 && segment.charAt(end - 1) == '=') {
      end--;
    }
    try {
      JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(segment.substring(0, end)));
      return payload != null && payload.isObject() ? Optional.of(payload) : Optional.empty();
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  /** The {@code exp} claim (Unix seconds), if present and numeric. */
  public static Optional<Instant> expiry(String jwt) {
    return of(jwt)
        .map(p -> p.get("exp"))
        .filter(JsonNode::isNumber)
        .map(exp -> Instant.ofEpochSecond(exp.asLong()));
  }
}
