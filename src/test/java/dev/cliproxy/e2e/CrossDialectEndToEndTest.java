package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.pairs.ClientStreamRules;
import dev.cliproxy.testing.ProxyAndUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claude, Responses and Gemini clients (real captured requests where there are some) against an
 * OpenAI-compatible upstream, through the canonical model; each answer checked for what that client
 * insists on (ref/clients.md).
 */
class CrossDialectEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final ProxyAndUpstream servers =
      ProxyAndUpstream.withConfig(
          """
          openai-compatibility:
            - name: Up
              base-url: %s
              api-key-entries:
                - api-key: up-1
              models:
                - name: up-model
                  alias: claude-opus-5-5
                - name: up-model
                  alias: gpt-5-codex
                - name: up-model
                  alias: gemini-3.8-flash
                - name: up-model
                  alias: gemini-3-flash
                - name: upstream-rejects
          """);

  /** One server-sent event: its name (may be empty) and its data parsed as JSON. */
  record Event(String name, JsonNode data) {}

  private static List<Event> events(String sse) throws IOException {
    List<Event> out = new ArrayList<>();
    for (String block : sse.split("\n\n")) {
      String name = "";
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
      if (data.length() > 0 && !data.toString().equals("[DONE]")) {
        out.add(new Event(name, JSON.readTree(data.toString())));
      }
    }
    return out;
  }

  private static byte[] bytes(HttpResponse<String> response) {
    return response.body().getBytes(StandardCharsets.UTF_8);
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = CrossDialectEndToEndTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    RunningProxy proxy = servers.proxy();
    return proxy.send(proxy.post(path, body));
  }

  // ---- Claude clients -------------------------------------------------------------------------

  @Test
  void claudeCodeCaptureStreamsNamedEventsWithEveryBlockClosed() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/messages?beta=true",
            resource(
                "/golden/claude/captures/claude-code__hi__01-anthropic.messages.request.json"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    ClientStreamRules.Seen seen = ClientStreamRules.check(Dialect.CLAUDE, bytes(response));
    // Claude Code sends tools, so the fake upstream answers with a call to each of them
    assertThat(seen.calls())
        .isNotEmpty()
        .allMatch(call -> call.id().startsWith("call_up_") && !call.name().isEmpty());
    List<Event> events = events(response.body());
    assertThat(events.get(events.size() - 2).data().path("delta").path("stop_reason").asText())
        .isEqualTo("tool_use");

    JsonNode sent = servers.upstream().received().get(0).body();
    assertThat(sent.path("model").asText()).isEqualTo("up-model");
    assertThat(sent.path("stream").asBoolean()).isTrue();
    assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(sent.path("tools").get(0).path("type").asText()).isEqualTo("function");
  }

  @Test
  void claudeTextAnswersStreamedAndWhole() throws Exception {
    String request =
        "{\"model\":\"claude-opus-5-5\",\"max_tokens\":256,\"system\":\"Be brief.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]";

    HttpResponse<String> whole = post("/v1/messages", request + "}");
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    JsonNode message = JSON.readTree(whole.body());
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("echo: hi there");
    assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(message.path("usage").path("output_tokens").asInt()).isEqualTo(7);

    HttpResponse<String> streamed = post("/v1/messages", request + ",\"stream\":true}");
    StringBuilder text = new StringBuilder();
    for (Event e : events(streamed.body())) {
      if (e.name().equals("content_block_delta")) {
        text.append(e.data().path("delta").path("text").asText());
      }
    }
    assertThat(text.toString()).isEqualTo("echo: hi there");
  }

  @Test
  void claudeToolResultsReachTheUpstreamPairedWithTheirCalls() throws Exception {
    String request =
        """
        {"model":"claude-opus-5-5","max_tokens":256,"messages":[
          {"role":"user","content":"weather?"},
          {"role":"assistant","content":[
            {"type":"tool_use","id":"toolu_A","name":"get_weather","input":{"city":"Paris"}},
            {"type":"tool_use","id":"toolu_B","name":"get_time","input":{"tz":"CET"}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"toolu_B","content":"12:00"},
            {"type":"tool_result","tool_use_id":"toolu_A","content":"sunny"}]}]}
        """;

    HttpResponse<String> response = post("/v1/messages", request);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode messages = servers.upstream().received().get(0).body().path("messages");
    JsonNode assistant = messages.get(1);
    assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("toolu_A");
    assertThat(assistant.path("tool_calls").get(1).path("id").asText()).isEqualTo("toolu_B");
    assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
    assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo("toolu_B");
    assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("toolu_A");
  }

  @Test
  void anUpstreamRejectionReachesAClaudeClientAsAClaudeError() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/messages",
            "{\"model\":\"upstream-rejects\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.path("error").path("message").asText())
        .contains("'up'", "This model does not support that parameter.");
  }

  @Test
  void claudeClientsGetClaudeErrors() throws Exception {
    HttpResponse<String> response =
        post("/v1/messages", "{\"model\":\"nope\",\"max_tokens\":5,\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("not_found_error");
    assertThat(body.path("error").path("message").asText()).contains("nope");
  }

  @Test
  void claudeCountTokensCountsWhatTheModelReads() throws Exception {
    HttpResponse<String> small =
        post(
            "/v1/messages/count_tokens",
            "{\"model\":\"claude-opus-5-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");
    assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
    // "hello world" is 2 tokens in o200k, plus 3 framing tokens for the message
    assertThat(JSON.readTree(small.body()).path("input_tokens").asLong()).isEqualTo(5);

    HttpResponse<String> withTools =
        post(
            "/v1/messages/count_tokens?beta=true",
            resource(
                "/golden/claude/captures/claude-code__hi__01-anthropic.messages.request.json"));
    assertThat(JSON.readTree(withTools.body()).path("input_tokens").asLong()).isGreaterThan(1000);
    assertThat(servers.upstream().received()).as("counting needs no upstream call").isEmpty();

    HttpResponse<String> unknown =
        post("/v1/messages/count_tokens", "{\"model\":\"nope\",\"messages\":[]}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").path("type").asText())
        .isEqualTo("not_found_error");
  }

  // ---- Responses clients ----------------------------------------------------------------------

  @Test
  void codexCaptureStreamsItemsAndEndsWithResponseCompleted() throws Exception {
    HttpResponse<String> response =
        post("/v1/responses", resource("/golden/responses/captures/codex_hi_01.request.json"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    ClientStreamRules.check(Dialect.OPENAI_RESPONSES, bytes(response));
    List<Event> events = events(response.body());
    assertThat(events.get(0).name()).isEqualTo("response.created");
    assertThat(events.get(events.size() - 1).name()).isEqualTo("response.completed");
    long added = events.stream().filter(e -> e.name().equals("response.output_item.added")).count();
    long done = events.stream().filter(e -> e.name().equals("response.output_item.done")).count();
    assertThat(added).isPositive().isEqualTo(done);
    JsonNode completed = events.get(events.size() - 1).data().path("response");
    assertThat(completed.path("status").asText()).isEqualTo("completed");
    assertThat(completed.path("output").size()).isEqualTo((int) done);
    int previous = -1;
    for (Event e : events) {
      int sequence = e.data().path("sequence_number").asInt();
      assertThat(sequence).isGreaterThan(previous);
      previous = sequence;
    }
  }

  @Test
  void responsesWholeAnswer() throws Exception {
    HttpResponse<String> response =
        post("/v1/responses", "{\"model\":\"gpt-5-codex\",\"input\":\"hello\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("object").asText()).isEqualTo("response");
    assertThat(body.path("output").get(0).path("content").get(0).path("text").asText())
        .isEqualTo("echo: hello");
  }

  // ---- Gemini clients -------------------------------------------------------------------------

  @Test
  void geminiCliCaptureStreamsSseWithFinishReasonLast() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse",
            resource("/e2e/gemini-cli-hi-stream.request.json"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).startsWith("data: ");
    ClientStreamRules.check(Dialect.GEMINI, bytes(response));
    List<Event> chunks = events(response.body());
    JsonNode last = chunks.get(chunks.size() - 1).data();
    assertThat(last.path("candidates").get(0).path("finishReason").asText()).isNotEmpty();
    assertThat(last.has("usageMetadata")).isTrue();
    assertThat(servers.upstream().received().get(0).body().path("model").asText())
        .isEqualTo("up-model");
  }

  @Test
  void geminiWholeAnswerAndErrors() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/models/gemini-3.8-flash:generateContent",
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hey\"}]}]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(
            body.path("candidates")
                .get(0)
                .path("content")
                .path("parts")
                .get(0)
                .path("text")
                .asText())
        .isEqualTo("echo: hey");
    assertThat(body.path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");

    HttpResponse<String> unknown = post("/v1beta/models/nope:generateContent", "{\"contents\":[]}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(unknown.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(404);
    assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void geminiCountTokensAnswersInGeminiShape() throws Exception {
    String contents = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello world\"}]}]}";

    HttpResponse<String> plain = post("/v1beta/models/gemini-3.8-flash:countTokens", contents);
    HttpResponse<String> wrapped =
        post(
            "/v1beta/models/gemini-3.8-flash:countTokens",
            "{\"generateContentRequest\":" + contents + "}");

    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(JSON.readTree(plain.body()).path("totalTokens").asLong()).isEqualTo(5);
    assertThat(JSON.readTree(wrapped.body()).path("totalTokens").asLong()).isEqualTo(5);
  }

  @Test
  void codeAssistEnvelopeWrapsEveryChunk() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1internal:streamGenerateContent?alt=sse",
            resource("/e2e/gemini-cli-codeassist-stream.request.json"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<Event> chunks = events(response.body());
    assertThat(chunks).isNotEmpty().allMatch(c -> c.data().has("response"));
    JsonNode last = chunks.get(chunks.size() - 1).data().path("response");
    assertThat(last.path("candidates").get(0).path("finishReason").asText()).isNotEmpty();
  }

  @Test
  void modelListsAnswerInTheCallersDialect() throws Exception {
    RunningProxy proxy = servers.proxy();
    JsonNode claude =
        JSON.readTree(
            proxy.send(proxy.get("/v1/models").header("anthropic-version", "2023-06-01")).body());
    assertThat(claude.path("data").get(0).path("type").asText()).isEqualTo("model");
    assertThat(claude.has("has_more")).isTrue();
    JsonNode gemini = JSON.readTree(proxy.send(proxy.get("/v1beta/models")).body());
    assertThat(gemini.path("models").get(0).path("name").asText()).startsWith("models/");
    assertThat(
            proxy
                .send(
                    proxy
                        .get("/api/hello")
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(200);
  }
}
