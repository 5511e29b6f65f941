package dev.cliproxy.provider.vertex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed JWT a service account trades for an access token (RFC 7523, Google's "two-legged
 * OAuth"): header {@code {"alg":"RS256","typ":"JWT","kid"}}, claims {@code iss} (the account),
 * {@code scope} (cloud-platform), {@code aud} (its token URI), {@code iat} and {@code exp} an hour
 * later, signed SHA256withRSA with its private key.
 */
final class JwtGrant {
  static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  static final Duration LIFETIME = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private JwtGrant() {}

  /** The assertion, issued at {@code now}. */
  static String assertion(ServiceAccount account, Instant now) {
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    if (!account.privateKeyId().isEmpty()) {
      header.put("kid", account.privateKeyId());
    }
    long iat = now.getEpochSecond();
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", account.clientEmail())
            .put("scope", SCOPE)
            .put("aud", account.tokenUri())
            .put("iat", iat)
            .put("exp", iat + LIFETIME.toSeconds());
    String signed = part(header) + "." + part(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(account.privateKey());
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the service account's key", e);
    }
  }

  private static String part(ObjectNode json) {
    return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
