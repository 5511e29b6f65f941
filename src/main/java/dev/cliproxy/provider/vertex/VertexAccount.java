package dev.cliproxy.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.store.CredentialFile;
import java.util.Optional;

/**
 * A Vertex account file ({@code vertex-<project>.json}, type {@code vertex}), as CLIProxyAPI's
 * {@code --vertex-import} writes it: {@code {"service_account":{…},"project_id","email",
 * "location","type":"vertex"}}, optionally with a {@code base_url} and {@code proxy_url}.
 *
 * @param serviceAccount the key it mints tokens with
 * @param projectId the project in model paths (the file's, else the key's)
 * @param location the region in model paths, {@code us-central1} unless the file says otherwise
 * @param baseUrl the file's {@code base_url}, replacing the regional host
 */
record VertexAccount(
    ServiceAccount serviceAccount, String projectId, String location, Optional<String> baseUrl) {
  /** The auth-file type. */
  static final String TYPE = "vertex";

  static final String DEFAULT_LOCATION = "us-central1";

  /**
   * Reads an account file.
   *
   * @throws VertexTokenFailure when its service account is missing or unusable
   */
  static VertexAccount of(CredentialFile file) {
    ServiceAccount account;
    try {
      account = ServiceAccount.of(file.get("service_account").orElse(null));
    } catch (IllegalArgumentException e) {
      throw new VertexTokenFailure(
          file.id() + ": the service_account cannot be used: " + e.getMessage(), null);
    }
    return new VertexAccount(
        account,
        text(file.get("project_id"))
            .or(() -> text(file.get("project")))
            .orElse(account.projectId()),
        text(file.get("location")).orElse(DEFAULT_LOCATION),
        file.baseUrl().filter(b -> !b.isBlank()));
  }

  /** The file for a freshly imported key, named after its project. */
  static CredentialFile importFile(
      JsonNode serviceAccountJson, ServiceAccount account, String location) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.set("service_account", serviceAccountJson.deepCopy());
    json.put("project_id", account.projectId());
    json.put("email", account.clientEmail());
    json.put("location", location);
    json.put("type", TYPE);
    return CredentialFile.of(fileName(account.projectId()), json);
  }

  /** {@code vertex-<project>.json}, with {@code / \ :} made {@code _} and spaces {@code -}. */
  static String fileName(String projectId) {
    return "vertex-" + projectId.replaceAll("[/\\\\:]", "_").replace(' ', '-') + ".json";
  }

  private static Optional<String> text(Optional<JsonNode> node) {
    return node.filter(JsonNode::isTextual).map(n -> n.asText().trim()).filter(s -> !s.isEmpty());
  }
}
