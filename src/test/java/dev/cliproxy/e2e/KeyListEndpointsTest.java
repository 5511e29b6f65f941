package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.ManagementClient;
import dev.cliproxy.testing.ManagementClient.Answer;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list settings through the real proxy over HTTP: client keys, the provider key lists and the
 * model exclusions. Each write is checked in the answer, in the file, and in what the running proxy
 * does with the very next request.
 */
class KeyListEndpointsTest {
  private static final String KEY = "mgmt-key-1";

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;
  private ManagementClient api;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
    proxy =
        RunningProxy.start(
            dir,
            """
            api-keys:
              - client-1 # laptop
              - client-2
            remote-management:
              secret-key: mgmt-key-1
            openai-compatibility:
              # the test upstream
              - name: Up
                base-url: %s
                api-keys: [up-legacy]
                api-key-entries:
                  - api-key: up-1
                models:
                  - name: up-model
                    alias: m
            """
                .formatted(upstream.baseUrl()));
    api = new ManagementClient(proxy, KEY);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private String file() throws Exception {
    return Files.readString(dir.resolve("config.yaml"));
  }

  private int chat(String clientKey) throws Exception {
    HttpResponse<String> answer =
        proxy.send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer " + clientKey));
    return answer.statusCode();
  }

  @Test
  void clientKeysAreReplacedAndTheNextRequestUsesTheNewOnes() throws Exception {
    assertThat(api.get("/api-keys").json().toString())
        .isEqualTo("{\"api-keys\":[\"client-1\",\"client-2\"]}");
    assertThat(chat("client-3")).isEqualTo(401);

    assertThat(api.put("/api-keys", "[\"client-1\",\"client-3\"]").status()).isEqualTo(200);

    assertThat(chat("client-3")).isEqualTo(200);
    assertThat(chat("client-2")).isEqualTo(401);
    assertThat(file()).contains("  - client-1 # laptop\n  - client-3\n");
  }

  @Test
  void clientKeysArePatchedAndDeletedByTheReferencesRules() throws Exception {
    assertThat(api.patch("/api-keys", "{\"index\":1,\"value\":\"client-5\"}").status())
        .isEqualTo(200);
    assertThat(api.patch("/api-keys", "{\"old\":\"client-1\",\"new\":\"client-6\"}").status())
        .isEqualTo(200);
    assertThat(api.patch("/api-keys", "{\"old\":\"nobody\",\"new\":\"client-7\"}").status())
        .isEqualTo(200); // no match appends
    assertThat(api.get("/api-keys").json().path("api-keys").toString())
        .isEqualTo("[\"client-6\",\"client-5\",\"client-7\"]");

    assertThat(api.delete("/api-keys?index=0").status()).isEqualTo(200);
    assertThat(api.delete("/api-keys?value=client-7").status()).isEqualTo(200);
    assertThat(api.get("/api-keys").json().path("api-keys").toString()).isEqualTo("[\"client-5\"]");
    assertThat(chat("client-5")).isEqualTo(200);
    assertThat(chat("client-6")).isEqualTo(401);

    Answer missing = api.patch("/api-keys", "{\"index\":9}");
    Answer noQuery = api.delete("/api-keys");
    Answer notStrings = api.put("/api-keys", "[1,2]");
    Answer emptyItems = api.put("/api-keys", "{\"items\":[]}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error()).isEqualTo("missing fields");
    assertThat(noQuery.status()).isEqualTo(400);
    assertThat(noQuery.error()).isEqualTo("missing index or value");
    assertThat(notStrings.status()).isEqualTo(400);
    assertThat(emptyItems.status()).isEqualTo(400);
    assertThat(emptyItems.error()).isEqualTo("invalid body");
  }

  @Test
  void anOpenAiCompatibleUpstreamIsShownWithItsLegacyKeysFoldedAndDisabledByPatch()
      throws Exception {
    JsonNode shown = api.get("/openai-compatibility").json().path("openai-compatibility");

    assertThat(shown).hasSize(1);
    assertThat(shown.get(0).has("api-keys")).isFalse();
    assertThat(shown.get(0).path("api-key-entries").findValuesAsText("api-key"))
        .containsExactly("up-1", "up-legacy");
    JsonNode withoutFigures = shown.deepCopy();
    withoutFigures.forEach(upstream ->
        upstream
            .path("api-key-entries")
            .forEach(key ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) key)
                    .remove(
                        java.util.List.of("auth_index", "success", "failed", "recent_requests"))));
    assertThat(api.get("/config").json().path("openai-compatibility")).isEqualTo(withoutFigures);

    assertThat(api.patch("/openai-compatibility", "{\"index\":0,\"value\":{\"disabled\":true}}"))
        .extracting(Answer::status)
        .isEqualTo(200);
    assertThat(chat("client-1")).isNotEqualTo(200);
    assertThat(file()).contains("    disabled: true\n").contains("  # the test upstream\n");

    assertThat(
            api.patch("/openai-compatibility", "{\"name\":\"Up\",\"value\":{\"disabled\":null}}"))
        .extracting(Answer::status)
        .isEqualTo(200);
    assertThat(chat("client-1")).isEqualTo(200);
    assertThat(file()).doesNotContain("disabled");

    Answer unknown = api.patch("/openai-compatibility", "{\"name\":\"Nope\",\"value\":{}}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("item not found");
    assertThat(api.delete("/openai-compatibility").error()).isEqualTo("missing name or index");
    assertThat(api.delete("/openai-compatibility?name=Up").status()).isEqualTo(200);
    assertThat(api.get("/openai-compatibility").json().path("openai-compatibility")).isEmpty();
    assertThat(chat("client-1")).isNotEqualTo(200);
  }

  @Test
  void aProviderKeyListIsPutPatchedAndDeletedAndTheLoaderChecksIt() throws Exception {
    String claude =
        "[{\"api-key\":\" sk-a \",\"base-url\":\"http://127.0.0.1:9/v1\"},"
            + "{\"api-key\":\"sk-b\",\"headers\":{\"X-Team\":\"b\",\"X-Empty\":\" \"}},"
            + "{\"api-key\":\"\"}]";

    assertThat(api.put("/claude-api-key", claude).status()).isEqualTo(200);
    JsonNode shown = api.get("/claude-api-key").json().path("claude-api-key");
    assertThat(shown).hasSize(2);
    assertThat(shown.get(0).path("api-key").asText()).isEqualTo("sk-a");
    assertThat(shown.get(1).path("headers").toString()).isEqualTo("{\"X-Team\":\"b\"}");

    assertThat(
            api.patch(
                    "/claude-api-key",
                    "{\"match\":\"sk-b\",\"value\":{\"base-url\":\"http://127.0.0.1:8/v1\"}}")
                .status())
        .isEqualTo(200);
    assertThat(file()).contains("base-url: http://127.0.0.1:8/v1");

    byte[] before = Files.readAllBytes(dir.resolve("config.yaml"));
    Answer invalid =
        api.patch("/claude-api-key", "{\"index\":0,\"value\":{\"base-url\":\"ftp://x\"}}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().path("message").asText()).contains("claude-api-key[0].base-url");
    assertThat(Files.readAllBytes(dir.resolve("config.yaml"))).isEqualTo(before);

    assertThat(api.delete("/claude-api-key?api-key=sk-a&base-url=http://127.0.0.1:9/v1").status())
        .isEqualTo(200);
    assertThat(api.delete("/claude-api-key?api-key=nobody").status()).isEqualTo(200);
    assertThat(api.get("/claude-api-key").json().path("claude-api-key").findValuesAsText("api-key"))
        .containsExactly("sk-b");
    assertThat(api.delete("/claude-api-key").error()).isEqualTo("missing api-key or index");
  }

  @Test
  void eachListKeepsItsOwnRules() throws Exception {
    assertThat(api.delete("/gemini-api-key?api-key=nobody").status()).isEqualTo(404);
    Answer vertex = api.put("/vertex-api-key", "[{\"base-url\":\"http://127.0.0.1:9\"}]");
    assertThat(vertex.status()).isEqualTo(400);
    assertThat(vertex.error()).isEqualTo("vertex-api-key[0].api-key is required");

    assertThat(api.put("/gemini-api-key", "{\"items\":[{\"api-key\":\"g-1\"}]}").status())
        .isEqualTo(200);
    assertThat(api.patch("/gemini-api-key", "{\"match\":\"g-1\",\"value\":{\"api-key\":\"\"}}"))
        .extracting(Answer::status)
        .isEqualTo(200); // an empty key and base URL remove the entry
    assertThat(api.get("/gemini-api-key").json().path("gemini-api-key")).isEmpty();

    assertThat(api.put("/codex-api-key", "[{\"api-key\":\"c-1\"},{\"api-key\":\"c-1\"}]").status())
        .isEqualTo(200);
    Answer twice = api.delete("/codex-api-key?api-key=c-1");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.error()).isEqualTo("multiple items match api-key; base-url is required");
    assertThat(api.delete("/codex-api-key?index=1").status()).isEqualTo(200);
    assertThat(api.get("/codex-api-key").json().path("codex-api-key")).hasSize(1);
    assertThat(api.put("/codex-api-key", "[\"c-1\"]").status()).isEqualTo(400);
  }

  @Test
  void modelExclusionsAreNormalisedAndEditedPerType() throws Exception {
    assertThat(api.get("/oauth-excluded-models").json().toString())
        .isEqualTo("{\"oauth-excluded-models\":{}}");

    assertThat(
            api.put("/oauth-excluded-models", "{\" Codex \":[\"GPT-5*\",\" \",\"gpt-5*\"]}")
                .status())
        .isEqualTo(200);
    assertThat(api.patch("/oauth-excluded-models", "{\"provider\":\"claude\",\"models\":[\"a\"]}"))
        .extracting(Answer::status)
        .isEqualTo(200);
    assertThat(api.get("/oauth-excluded-models").json().path("oauth-excluded-models").toString())
        .isEqualTo("{\"codex\":[\"gpt-5*\"],\"claude\":[\"a\"]}");
    assertThat(proxy.app().gateway().snapshot().config().oauthExcludedModels("codex"))
        .containsExactly("gpt-5*");

    assertThat(api.delete("/oauth-excluded-models?provider=codex").status()).isEqualTo(200);
    assertThat(api.delete("/oauth-excluded-models?provider=codex").status()).isEqualTo(404);
    assertThat(api.delete("/oauth-excluded-models").error()).isEqualTo("missing provider");
    assertThat(api.patch("/oauth-excluded-models", "{\"provider\":\" \"}").error())
        .isEqualTo("invalid provider");
    assertThat(api.patch("/oauth-excluded-models", "{\"provider\":\"x\",\"models\":[]}").status())
        .isEqualTo(404);
    assertThat(proxy.app().gateway().snapshot().config().oauthExcludedModels("codex")).isEmpty();
  }
}
