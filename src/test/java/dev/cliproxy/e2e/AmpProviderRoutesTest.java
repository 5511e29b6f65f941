package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.AmpAnswer;
import dev.cliproxy.testing.AmpProxy;
import dev.cliproxy.testing.FakeAmpcode;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Amp's provider routes through the whole proxy: a model the user's own upstream serves is answered
 * there, one it does not goes unchanged to the Amp upstream (with the Amp key, never the proxy's),
 * and mappings (exact, regex, forced, hot-reloaded) serve one model in place of another with
 * answers that still name the model Amp asked for.
 */
class AmpProviderRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Two models of the user's own upstream, told apart by the name the upstream gets. */
  private static final String ACCOUNTS =
      """
      api-keys: [proxy-key-1]
      openai-compatibility:
        - name: Up
          base-url: {up}
          api-key-entries:
            - api-key: up-1
          models:
            - name: up-gpt
              alias: gpt-5
            - name: up-sonnet
              alias: claude-sonnet-4-5
            - name: up-flash
              alias: gemini-2.5-flash
      """;

  private static final String WITH_AMP =
      ACCOUNTS
          + """
          ampcode:
            upstream-url: {amp}
            upstream-api-key: amp-key-from-config
          """;

  private AmpProxy servers;

  @AfterEach
  void stop() throws Exception {
    if (servers != null) {
      servers.close();
    }
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    RunningProxy proxy = servers.proxy();
    return proxy.send(proxy.post(path, body).header("Authorization", "Bearer proxy-key-1"));
  }

  private List<String> upstreamModels() {
    return servers.up().received().stream().map(r -> r.body().path("model").asText()).toList();
  }

  private static String chat(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static String claude(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"max_tokens\":64,\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  /** The JSON data of each event of a stream, [DONE] left out. */
  private static List<JsonNode> events(String sse) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data:") && !line.substring(5).trim().equals("[DONE]")) {
        out.add(JSON.readTree(line.substring(5).trim()));
      }
    }
    return out;
  }

  @Test
  void aModelTheUsersAccountsServeIsAnsweredHereAndAmpHearsNothing() throws Exception {
    servers = AmpProxy.start(WITH_AMP);

    HttpResponse<String> answer =
        post("/api/provider/openai/v1/chat/completions", chat("gpt-5", false));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).at("/choices/0/message/content").asText())
        .isEqualTo("echo: hi");
    assertThat(upstreamModels()).containsExactly("up-gpt");
    assertThat(servers.amp().received()).isEmpty();
  }

  @Test
  void anyOtherModelGoesUnchangedToAmpWithTheAmpKeyAndNeverTheProxyKey() throws Exception {
    servers = AmpProxy.start(WITH_AMP);
    servers
        .amp()
        .answer(
            "/api/provider/anthropic/v1/messages",
            AmpAnswer.json(200, "{\"id\":\"msg_amp\",\"model\":\"claude-opus-4-5\"}"));
    String body = "{ \"model\" : \"claude-opus-4-5\",  \"max_tokens\":1.50e2, \"messages\":[] }";
    RunningProxy proxy = servers.proxy();

    HttpResponse<String> answer =
        proxy.send(
            proxy
                .post("/api/provider/anthropic/v1/messages?beta=true&key=proxy-key-1", body)
                .header("X-Api-Key", "proxy-key-1")
                .header("Anthropic-Beta", "context-1m-2025-08-07,fine-grained-tool-streaming")
                .header("X-Amp-Thread-Id", "T-1"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"id\":\"msg_amp\",\"model\":\"claude-opus-4-5\"}");
    FakeAmpcode.Received sent = servers.amp().onlyRequest();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.target()).isEqualTo("/api/provider/anthropic/v1/messages?beta=true");
    assertThat(sent.bodyText()).isEqualTo(body);
    assertThat(sent.header("Authorization")).isEqualTo("Bearer amp-key-from-config");
    assertThat(sent.header("X-Api-Key")).isEqualTo("amp-key-from-config");
    assertThat(sent.header("X-Amp-Thread-Id")).isEqualTo("T-1");
    // on its way to Amp the beta header stays as Amp's own client sent it
    assertThat(sent.header("Anthropic-Beta"))
        .isEqualTo("context-1m-2025-08-07,fine-grained-tool-streaming");
    assertThat(sent.header("Host")).isEqualTo("127.0.0.1:" + servers.amp().port());
    assertThat(sent.headers()).noneMatch(h -> h.getValue().contains("proxy-key-1"));
    assertThat(servers.up().received()).isEmpty();
  }

  @Test
  void withoutTheProxysKeyTheProviderRoutesRefuseLikeV1() throws Exception {
    servers = AmpProxy.start(WITH_AMP);
    RunningProxy proxy = servers.proxy();

    HttpResponse<String> answer =
        proxy.send(proxy.post("/api/provider/openai/v1/chat/completions", chat("gpt-5", false)));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("api-keys");
    assertThat(servers.amp().received()).isEmpty();
  }

  @Test
  void aMappedModelIsServedHereAndItsAnswersNameTheModelAmpAskedFor() throws Exception {
    servers =
        AmpProxy.start(
            WITH_AMP
                + """
                  model-mappings:
                    - from: claude-opus-4-5
                      to: claude-sonnet-4-5
                    - from: gpt-5.5
                      to: gpt-5
                """);

    HttpResponse<String> whole =
        post("/api/provider/anthropic/v1/messages", claude("claude-opus-4-5", false));
    HttpResponse<String> streamed =
        post("/api/provider/anthropic/v1/messages", claude("Claude-Opus-4-5", true));
    HttpResponse<String> chatWhole =
        post("/api/provider/openai/v1/chat/completions", chat("gpt-5.5", false));
    HttpResponse<String> chatStreamed =
        post("/api/provider/openai/v1/chat/completions", chat("gpt-5.5", true));

    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(JSON.readTree(whole.body()).path("model").asText()).isEqualTo("claude-opus-4-5");
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    List<JsonNode> claudeEvents = events(streamed.body());
    assertThat(claudeEvents.get(0).at("/message/model").asText()).isEqualTo("Claude-Opus-4-5");
    assertThat(claudeEvents).allMatch(e -> !e.toString().contains("up-sonnet"));
    // the same dialect passes through, with only the model renamed
    assertThat(JSON.readTree(chatWhole.body()).path("model").asText()).isEqualTo("gpt-5.5");
    List<JsonNode> chunks = events(chatStreamed.body());
    assertThat(chunks).isNotEmpty().allMatch(c -> c.path("model").asText().equals("gpt-5.5"));
    assertThat(upstreamModels()).containsExactly("up-sonnet", "up-sonnet", "up-gpt", "up-gpt");
    assertThat(servers.amp().received()).isEmpty();
  }

  @Test
  void regexMappingsComeAfterExactOnesAndForcedMappingsWinOverLocalModels() throws Exception {
    servers =
        AmpProxy.start(
            WITH_AMP
                + """
                  model-mappings:
                    - from: "^gpt-6(-.*)?$"
                      to: claude-sonnet-4-5
                      regex: true
                    - from: gpt-6-mini
                      to: gpt-5
                """);

    assertThat(
            post("/api/provider/openai/v1/chat/completions", chat("gpt-6-pro", false)).statusCode())
        .isEqualTo(200);
    assertThat(
            post("/api/provider/openai/v1/chat/completions", chat("gpt-6-mini", false))
                .statusCode())
        .isEqualTo(200);
    // a local model is served as it is while mappings are not forced
    assertThat(post("/api/provider/openai/v1/chat/completions", chat("gpt-5", false)).statusCode())
        .isEqualTo(200);
    assertThat(upstreamModels()).containsExactly("up-sonnet", "up-gpt", "up-gpt");

    servers.rewriteConfig(
        WITH_AMP
            + """
              force-model-mappings: true
              model-mappings:
                - from: gpt-5
                  to: claude-sonnet-4-5
            """);
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    post("/api/provider/openai/v1/chat/completions", chat("gpt-5", false));
                  } catch (Exception e) {
                    return false;
                  }
                  return upstreamModels().get(upstreamModels().size() - 1).equals("up-sonnet");
                }))
        .isTrue();
  }

  @Test
  void aMappingAddedByAReloadKeepsTheNextCallHere() throws Exception {
    servers = AmpProxy.start(WITH_AMP);
    servers.amp().answer("/api/provider/openai/v1/chat/completions", AmpAnswer.json(200, "{}"));
    assertThat(post("/api/provider/openai/v1/chat/completions", chat("o3", false)).statusCode())
        .isEqualTo(200);
    assertThat(servers.amp().received()).hasSize(1);

    servers.rewriteConfig(
        WITH_AMP
            + """
              model-mappings:
                - from: o3
                  to: gpt-5
            """);

    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    post("/api/provider/openai/v1/chat/completions", chat("o3", false));
                  } catch (Exception e) {
                    return false;
                  }
                  return !servers.up().received().isEmpty();
                }))
        .isTrue();
    assertThat(upstreamModels()).containsOnly("up-gpt");
  }

  @Test
  void vertexStylePathsAreGeminiCallsServedHereOrRelayedWithTheirQuery() throws Exception {
    servers =
        AmpProxy.start(
            WITH_AMP
                + """
                  model-mappings:
                    - from: gemini-3-pro-preview
                      to: gemini-2.5-flash
                """);
    servers
        .amp()
        .answer(
            "/api/provider/google/v1beta1/publishers/google/models/gemini-2.5-pro:"
                + "streamGenerateContent",
            AmpAnswer.of(200, "text/event-stream", "data: {}\n\n".getBytes()));
    String gemini = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";

    HttpResponse<String> mapped =
        post(
            "/api/provider/google/v1beta1/publishers/google/models/gemini-3-pro-preview:"
                + "generateContent",
            gemini);
    HttpResponse<String> thinking =
        post(
            "/api/provider/google/v1beta/models/gemini-2.5-flash-thinking-512:generateContent",
            gemini);
    HttpResponse<String> relayed =
        post(
            "/api/provider/google/v1beta1/publishers/google/models/gemini-2.5-pro:"
                + "streamGenerateContent?alt=sse",
            gemini);

    assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
    assertThat(JSON.readTree(mapped.body()).path("modelVersion").asText())
        .isEqualTo("gemini-3-pro-preview");
    assertThat(thinking.statusCode()).as(thinking.body()).isEqualTo(200);
    assertThat(JSON.readTree(thinking.body()).path("modelVersion").asText())
        .isEqualTo("gemini-2.5-flash-thinking-512");
    assertThat(upstreamModels()).containsExactly("up-flash", "up-flash");
    assertThat(relayed.statusCode()).isEqualTo(200);
    assertThat(servers.amp().onlyRequest().target())
        .isEqualTo(
            "/api/provider/google/v1beta1/publishers/google/models/gemini-2.5-pro:"
                + "streamGenerateContent?alt=sse");
    assertThat(servers.amp().onlyRequest().bodyText()).isEqualTo(gemini);
  }

  @Test
  void eachProviderFamilyListsTheModelsInItsOwnShape() throws Exception {
    servers = AmpProxy.start(WITH_AMP);
    RunningProxy proxy = servers.proxy();

    JsonNode anthropic = list("/api/provider/anthropic/v1/models");
    JsonNode google = list("/api/provider/google/v1beta/models");
    JsonNode openai = list("/api/provider/openai/v1/models");
    JsonNode groq = list("/api/provider/groq/models");

    assertThat(anthropic.path("data").get(0).path("type").asText()).isEqualTo("model");
    assertThat(google.path("models").get(0).path("name").asText()).startsWith("models/");
    assertThat(openai.path("object").asText()).isEqualTo("list");
    assertThat(openai.findValuesAsText("id"))
        .containsExactly("gpt-5", "claude-sonnet-4-5", "gemini-2.5-flash");
    assertThat(groq).isEqualTo(openai);
    assertThat(servers.amp().received()).isEmpty();
  }

  private JsonNode list(String path) throws Exception {
    RunningProxy proxy = servers.proxy();
    HttpResponse<String> answer =
        proxy.send(proxy.get(path).header("Authorization", "Bearer proxy-key-1"));
    assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  @Test
  void withoutAnAmpUpstreamLocalModelsAreStillServedAndOthersAreNamedUnknown() throws Exception {
    servers = AmpProxy.start(ACCOUNTS);

    HttpResponse<String> local =
        post("/api/provider/anthropic/v1/messages", claude("claude-sonnet-4-5", false));
    HttpResponse<String> unknown =
        post("/api/provider/anthropic/v1/messages", claude("claude-opus-4-5", false));
    RunningProxy proxy = servers.proxy();
    HttpResponse<String> management = proxy.send(proxy.get("/api/user"));

    assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).at("/error/type").asText())
        .isEqualTo("not_found_error");
    assertThat(unknown.body()).contains("claude-opus-4-5");
    assertThat(management.statusCode()).isEqualTo(503);
    assertThat(management.body()).contains("amp-upstream-url").contains("ampcode.upstream-url");
    assertThat(management.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
