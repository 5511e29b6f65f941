package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys' policies through the management API: {@code /api-keys} keeps the reference's string
 * list while entries carry policies, {@code /api-key-policies} shows each policy with its counts
 * and edits it, live for the next request.
 */
class ManagementKeyPoliciesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANAGEMENT_KEY = "mgmt-secret-1";

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    proxy =
        RunningProxy.start(
            dir,
            """
            api-keys:
              - open-key
              - key: team-key
                name: team
                requests-per-day: 10
            remote-management:
              secret-key: "%s"
            openai-compatibility:
              - name: Up
                base-url: %s
                api-key-entries: [{api-key: up-1}]
                models: [{name: up-model, alias: gpt-x}]
            """
                .formatted(BcryptHash.of(MANAGEMENT_KEY), upstream.baseUrl()));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private HttpResponse<String> management(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        proxy
            .get("/v0/management" + path)
            .header("Authorization", "Bearer " + MANAGEMENT_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return proxy.send(request);
  }

  private JsonNode policy(String key) throws Exception {
    HttpResponse<String> answer = management("GET", "/api-key-policies", null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    for (JsonNode entry : JSON.readTree(answer.body()).path("api-key-policies")) {
      if (entry.path("api-key").asText().equals(key)) {
        return entry;
      }
    }
    throw new AssertionError("no policy for " + key + " in " + answer.body());
  }

  private int chat(String key) throws Exception {
    return proxy
        .send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer " + key))
        .statusCode();
  }

  @Test
  void policiesAreListedWithTheirCountsAndApiKeysStaysAStringList() throws Exception {
    assertThat(chat("team-key")).isEqualTo(200);
    assertThat(chat("team-key")).isEqualTo(200);

    HttpResponse<String> keys = management("GET", "/api-keys", null);
    assertThat(JSON.readTree(keys.body()).path("api-keys").toString())
        .isEqualTo("[\"open-key\",\"team-key\"]");
    JsonNode team = policy("team-key");
    assertThat(team.path("name").asText()).isEqualTo("team");
    assertThat(team.path("fingerprint").asText()).startsWith("key-");
    assertThat(team.path("requests-per-day").asLong()).isEqualTo(10);
    assertThat(team.path("usage").path("requests-today").asLong()).isEqualTo(2);
    assertThat(team.path("usage").path("tokens-today").asLong()).isEqualTo(36);
    assertThat(team.path("usage").path("in-flight").asLong()).isZero();
    assertThat(policy("open-key").path("requests-per-day").asLong()).isZero();
    assertThat(policy("open-key").has("usage")).as("a key without limits is not counted").isFalse();
  }

  @Test
  void aPatchedPolicyHoldsTheNextRequestAndSurvivesEditsOfTheKeyList() throws Exception {
    HttpResponse<String> patched =
        management(
            "PATCH",
            "/api-key-policies",
            "{\"api-key\":\"open-key\",\"value\":{\"name\":\"now limited\",\"requests-per-minute\":1}}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

    assertThat(chat("open-key")).isEqualTo(200);
    assertThat(chat("open-key")).isEqualTo(429);
    assertThat(Files.readString(dir.resolve("config.yaml"))).contains("now limited");

    HttpResponse<String> renamed =
        management("PATCH", "/api-keys", "{\"old\":\"open-key\",\"new\":\"renamed-key\"}");
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(policy("renamed-key").path("name").asText())
        .as("a renamed key keeps its policy")
        .isEqualTo("now limited");
    HttpResponse<String> replaced =
        management("PUT", "/api-keys", "[\"renamed-key\",\"team-key\",\"new-key\"]");
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(policy("team-key").path("requests-per-day").asLong()).isEqualTo(10);

    HttpResponse<String> cleared =
        management("DELETE", "/api-key-policies?api-key=renamed-key", null);
    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
    assertThat(policy("renamed-key").path("requests-per-minute").asLong()).isZero();
    assertThat(chat("renamed-key")).isEqualTo(200);
  }

  @Test
  void badPolicyEditsAreRefusedAndTheFileIsUntouched() throws Exception {
    String before = Files.readString(dir.resolve("config.yaml"));

    HttpResponse<String> unknown =
        management(
            "PATCH", "/api-key-policies", "{\"api-key\":\"open-key\",\"value\":{\"rpm\":1}}");
    HttpResponse<String> negative =
        management(
            "PATCH",
            "/api-key-policies",
            "{\"api-key\":\"open-key\",\"value\":{\"requests-per-minute\":-1}}");
    HttpResponse<String> missing = management("DELETE", "/api-key-policies?api-key=nobody", null);

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).path("message").asText())
        .contains("rpm is not a policy field", "requests-per-minute");
    assertThat(negative.statusCode()).as(negative.body()).isEqualTo(422);
    assertThat(negative.body()).contains("requests-per-minute");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Files.readString(dir.resolve("config.yaml"))).isEqualTo(before);
  }
}
