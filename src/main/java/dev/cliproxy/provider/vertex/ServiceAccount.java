package dev.cliproxy.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A Google Cloud service-account key as its JSON file has it ({@code type: service_account}): who
 * it is, its project, the RSA private key it signs token grants with, and the token endpoint it
 * posts them to. {@link #toString()} never shows the key.
 *
 * @param clientEmail the account, e.g. {@code proxy@my-project.iam.gserviceaccount.com}
 * @param projectId the Google Cloud project
 * @param privateKeyId the key's id, sent as the grant's {@code kid}; may be empty
 * @param privateKey the key from the PKCS#8 PEM {@code private_key}
 * @param tokenUri where grants are posted, e.g. {@code https://oauth2.googleapis.com/token}
 */
record ServiceAccount(
    String clientEmail,
    String projectId,
    String privateKeyId,
    PrivateKey privateKey,
    String tokenUri) {

  static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  /**
   * Reads a service-account key.
   *
   * @throws IllegalArgumentException saying what is missing or wrong, never quoting the key
   */
  static ServiceAccount of(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("it is not a JSON object");
    }
    String type = text(json, "type");
    if (!type.equals("service_account")) {
      throw new IllegalArgumentException(
          "it is not a service-account key (its type is "
              + (type.isEmpty() ? "missing" : "'" + type + "'")
              + ", expected 'service_account')");
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("client_email", "private_key", "project_id")) {
      if (text(json, field).isEmpty()) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("it has no " + String.join(", no ", missing));
    }
    String tokenUri = text(json, "token_uri");
    return new ServiceAccount(
        text(json, "client_email"),
        text(json, "project_id"),
        text(json, "private_key_id"),
        pkcs8(text(json, "private_key")),
        tokenUri.isEmpty() ? DEFAULT_TOKEN_URI : tokenUri);
  }

  private static PrivateKey pkcs8(String pem) {
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replace("\\n", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "its private_key is not an RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isTextual() ? value.asText().trim() : "";
  }

  @Override
  public String toString() {
    return "ServiceAccount[" + clientEmail + ", project " + projectId + ", key <redacted>]";
  }
}
