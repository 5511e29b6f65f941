package dev.cliproxy.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.store.CredentialFile;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Vertex hosts by location, the overrides, and the account file as read and as imported. */
class VertexEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode serviceAccount() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return JSON.createObjectNode()
        .put("type", "service_account")
        .put("project_id", "p 1/x")
        .put("private_key", pem)
        .put("client_email", "sa@p.iam.gserviceaccount.com");
  }

  private static VertexAccount account(String location, String baseUrl) throws Exception {
    ObjectNode file = JSON.createObjectNode().put("type", "vertex").put("project_id", "proj");
    file.set("service_account", serviceAccount());
    if (location != null) {
      file.put("location", location);
    }
    if (baseUrl != null) {
      file.put("base_url", baseUrl);
    }
    return VertexAccount.of(CredentialFile.of("vertex-proj.json", file));
  }

  @Test
  void regionalLocationsGetTheirHostAndGlobalTheBareOne() throws Exception {
    VertexEndpoints none = new VertexEndpoints(Optional.empty());

    assertThat(none.modelsUrl(account(null, null)))
        .isEqualTo(
            "https://us-central1-aiplatform.googleapis.com/v1/projects/proj/locations/us-central1"
                + "/publishers/google/models");
    assertThat(none.modelsUrl(account("europe-west4", null)))
        .startsWith(
            "https://europe-west4-aiplatform.googleapis.com/v1/projects/proj/locations/"
                + "europe-west4/");
    assertThat(none.modelsUrl(account("global", null)))
        .isEqualTo(
            "https://aiplatform.googleapis.com/v1/projects/proj/locations/global/publishers/google"
                + "/models");
  }

  @Test
  void theFilesBaseUrlWinsOverTheConfigsWhichWinsOverTheHost() throws Exception {
    VertexEndpoints configured = new VertexEndpoints(Optional.of("http://127.0.0.1:1/"));

    assertThat(configured.modelsUrl(account("global", null)))
        .startsWith("http://127.0.0.1:1/v1/projects/proj/locations/global/");
    assertThat(configured.modelsUrl(account(null, "http://127.0.0.1:2")))
        .startsWith("http://127.0.0.1:2/v1/projects/proj/locations/us-central1/");
  }

  @Test
  void anImportedFileIsNamedAfterItsProjectAndKeepsTheKey() throws Exception {
    ObjectNode key = serviceAccount();
    CredentialFile file =
        VertexAccount.importFile(key, ServiceAccount.of(key), VertexAccount.DEFAULT_LOCATION);

    assertThat(file.id()).isEqualTo("vertex-p-1_x.json");
    assertThat(file.type()).isEqualTo("vertex");
    assertThat(file.email()).contains("sa@p.iam.gserviceaccount.com");
    assertThat(file.get("service_account")).contains(key);
    assertThat(ServiceAccount.of(key).toString()).doesNotContain("PRIVATE");
  }

  @Test
  void aFileWithoutAUsableServiceAccountSaysSoWithoutTheKey() {
    ObjectNode file = JSON.createObjectNode().put("type", "vertex");
    file.putObject("service_account").put("type", "service_account").put("private_key", "SECRET");

    assertThatThrownBy(() -> VertexAccount.of(CredentialFile.of("vertex-x.json", file)))
        .hasMessageContaining("vertex-x.json")
        .hasMessageContaining("no client_email")
        .hasMessageNotContaining("SECRET");
  }
}
