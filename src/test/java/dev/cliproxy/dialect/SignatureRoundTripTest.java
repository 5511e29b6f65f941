package dev.cliproxy.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.claude.ClaudeCodec;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.responses.ResponsesCodec;
import dev.cliproxy.dialect.sse.SseEventReader;
import dev.cliproxy.testing.FixedContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reasoning signatures across dialects, turn after turn: an upstream's answer goes to a client of
 * another dialect, the client sends it back as history in its own format, and the upstream gets its
 * signature back byte for byte, never another upstream's.
 */
class SignatureRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLAUDE_SIGNATURE = "EqQBCkgIARABGAIiQL+/signed==";
  private static final String CODEX_ENCRYPTED = "gAAAAABo_fernet-token_value==";
  private static final String THINKING = "Weather needs a tool.";

  private final ClaudeCodec claude = new ClaudeCodec();
  private final ResponsesCodec responses = new ResponsesCodec();
  private final GeminiCodec gemini = new GeminiCodec();

  // ---- upstream answers ----------------------------------------------------------------------

  private static String event(String json) {
    return "event: " + tree(json).path("type").asText() + "\ndata: " + json + "\n\n";
  }

  /** Claude thinks in two deltas, signs, and calls a tool. */
  private static byte[] claudeStream() {
    return (event(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
                    + "\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":5,\"output_tokens\":0}}}")
            + event(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                    + "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}")
            + event(
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"thinking_delta\",\"thinking\":\"Weather needs\"}}")
            + event(
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"thinking_delta\",\"thinking\":\" a tool.\"}}")
            + event(
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"signature_delta\",\"signature\":\""
                    + CLAUDE_SIGNATURE
                    + "\"}}")
            + event("{\"type\":\"content_block_stop\",\"index\":0}")
            + event(
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                    + "\"input\":{}}}")
            + event(
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                    + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}")
            + event("{\"type\":\"content_block_stop\",\"index\":1}")
            + event(
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}")
            + event("{\"type\":\"message_stop\"}"))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] claudeAnswer() {
    return ("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
            + "\"content\":[{\"type\":\"thinking\",\"thinking\":\""
            + THINKING
            + "\",\"signature\":\""
            + CLAUDE_SIGNATURE
            + "\"},{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
            + "\"input\":{\"city\":\"Paris\"}}],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":9}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Codex reasons (a summary, then its encrypted content in output_item.done) and calls. */
  private static byte[] codexStream(boolean withSummary) {
    String reasoning = "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}";
    String done =
        "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":["
            + (withSummary ? "{\"type\":\"summary_text\",\"text\":\"" + THINKING + "\"}" : "")
            + "],\"encrypted_content\":\""
            + CODEX_ENCRYPTED
            + "\"}";
    String call =
        "{\"id\":\"fc_1\",\"type\":\"function_call\",\"status\":\"completed\","
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\",\"call_id\":\"call_1\","
            + "\"name\":\"get_weather\"}";
    StringBuilder sse = new StringBuilder();
    sse.append(
        event(
            "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\","
                + "\"created_at\":1700000000,\"model\":\"gpt-5-codex\",\"status\":\"in_progress\","
                + "\"output\":[]}}"));
    sse.append(
        event(
            "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":"
                + reasoning
                + "}"));
    if (withSummary) {
      sse.append(
          event(
              "{\"type\":\"response.reasoning_summary_part.added\",\"item_id\":\"rs_1\","
                  + "\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":\"summary_text\","
                  + "\"text\":\"\"}}"));
      sse.append(
          event(
              "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\","
                  + "\"output_index\":0,\"summary_index\":0,\"delta\":\""
                  + THINKING
                  + "\"}"));
    }
    sse.append(
        event("{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":" + done + "}"));
    sse.append(
        event(
            "{\"type\":\"response.output_item.added\",\"output_index\":1,\"item\":" + call + "}"));
    sse.append(
        event("{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":" + call + "}"));
    sse.append(
        event(
            "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"created_at\":1700000000,"
                + "\"model\":\"gpt-5-codex\",\"status\":\"completed\",\"output\":["
                + done
                + ","
                + call
                + "],\"usage\":{\"input_tokens\":5,\"output_tokens\":9,\"total_tokens\":14}}}"));
    return sse.toString().getBytes(StandardCharsets.UTF_8);
  }

  // ---- Responses clients (Codex CLI) with a Claude upstream ----------------------------------

  @Test
  void claudesSignedThinkingRidesThroughAResponsesClientStreamedAndComesBackSigned() {
    byte[] sse = translate(claude, claudeStream(), responses);
    ArrayNode items = JSON.createArrayNode();
    for (JsonNode e : dataOf(sse)) {
      if (e.path("type").asText().equals("response.output_item.done")) {
        items.add(e.path("item"));
      }
    }
    JsonNode reasoning = items.get(0);
    assertThat(reasoning.path("type").asText()).isEqualTo("reasoning");
    assertThat(reasoning.at("/summary/0/text").asText()).isEqualTo(THINKING);
    assertThat(reasoning.path("encrypted_content").asText())
        .isNotEqualTo(CLAUDE_SIGNATURE)
        .doesNotContain(CLAUDE_SIGNATURE);

    assertClaudeGetsItsThinkingBack(responsesTurn(items));
  }

  @Test
  void claudesSignedThinkingRidesThroughAResponsesClientWholeAndComesBackSigned() {
    JsonNode answer =
        tree(
            responses.encodeResponse(
                claude.decodeResponse(claudeAnswer()), request(), FixedContext.create()));
    assertClaudeGetsItsThinkingBack(responsesTurn((ArrayNode) answer.path("output")));
  }

  @Test
  void aRealOpenAiEncryptedContentIsNeverSentToClaudeAsASignature() {
    ArrayNode items = JSON.createArrayNode();
    items
        .addObject()
        .put("type", "reasoning")
        .put("encrypted_content", CODEX_ENCRYPTED)
        .putArray("summary")
        .addObject()
        .put("type", "summary_text")
        .put("text", THINKING);
    items.add(
        tree(
            "{\"type\":\"function_call\",\"call_id\":\"toolu_1\",\"name\":\"get_weather\","
                + "\"arguments\":\"{}\"}"));
    JsonNode sent =
        tree(
            claude.encodeRequest(
                responses.decodeRequest(responsesTurn(items)), FixedContext.create()));
    assertThat(sent.toString()).doesNotContain(CODEX_ENCRYPTED).doesNotContain("\"thinking\",");
    assertThat(sent.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    // Claude would refuse a tool loop without the thinking that led to it: thinking is off.
    assertThat(sent.has("thinking")).isFalse();
  }

  /** The Codex CLI's next turn: the answer's items, then the tool's output. */
  private static byte[] responsesTurn(ArrayNode outputItems) {
    ObjectNode body = JSON.createObjectNode().put("model", "claude-x").put("stream", true);
    body.putObject("reasoning").put("effort", "low");
    ArrayNode input = body.putArray("input");
    input.addObject().put("type", "message").put("role", "user").put("content", "weather?");
    outputItems.forEach(input::add);
    input
        .addObject()
        .put("type", "function_call_output")
        .put("call_id", "toolu_1")
        .put("output", "sunny");
    body.putArray("tools")
        .addObject()
        .put("type", "function")
        .put("name", "get_weather")
        .putObject("parameters")
        .put("type", "object");
    return bytes(body);
  }

  private void assertClaudeGetsItsThinkingBack(byte[] clientTurn) {
    ChatRequest decoded = responses.decodeRequest(clientTurn);
    JsonNode sent = tree(claude.encodeRequest(decoded, FixedContext.create()));
    assertThat(sent.at("/messages/1/content/0"))
        .isEqualTo(
            JSON.createObjectNode()
                .put("type", "thinking")
                .put("thinking", THINKING)
                .put("signature", CLAUDE_SIGNATURE));
    assertThat(sent.at("/messages/1/content/1/type").asText()).isEqualTo("tool_use");
    assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
    // And never to a Responses upstream: a Claude signature is not OpenAI's encrypted content.
    assertThat(
            new String(
                responses.encodeRequest(decoded, FixedContext.create()), StandardCharsets.UTF_8))
        .doesNotContain(CLAUDE_SIGNATURE)
        .doesNotContain("\"encrypted_content\"")
        .doesNotContain("\"type\":\"reasoning\"");
  }

  // ---- Claude clients with a Codex upstream ---------------------------------------------------

  @Test
  void codexEncryptedReasoningRidesThroughAClaudeClientStreamedAndComesBack() {
    for (boolean withSummary : new boolean[] {true, false}) {
      byte[] sse = translate(responses, codexStream(withSummary), claude);
      List<JsonNode> events = dataOf(sse);
      List<String> thinkingBlock =
          events.stream()
              .filter(e -> e.path("index").asInt(-1) == 0)
              .map(e -> e.path("type").asText() + ":" + e.path("delta").path("type").asText())
              .toList();
      assertThat(thinkingBlock)
          .as("signature_delta right before content_block_stop")
          .endsWith("content_block_delta:signature_delta", "content_block_stop:");
      ArrayNode content = claudeContent(events);
      assertThat(content.get(0).path("type").asText()).isEqualTo("thinking");
      assertThat(content.get(0).path("thinking").asText()).isEqualTo(withSummary ? THINKING : "");
      assertThat(content.get(0).path("signature").asText()).doesNotContain(CODEX_ENCRYPTED);

      JsonNode sent = codexGetsItsReasoningBack(content);
      assertThat(sent.at("/input/1/summary").toString())
          .isEqualTo(
              withSummary ? "[{\"type\":\"summary_text\",\"text\":\"" + THINKING + "\"}]" : "[]");
    }
  }

  @Test
  void aClaudeSignatureIsNeverSentToCodexAsEncryptedContent() {
    ArrayNode content = JSON.createArrayNode();
    content
        .addObject()
        .put("type", "thinking")
        .put("thinking", THINKING)
        .put("signature", CLAUDE_SIGNATURE);
    content.add(
        tree("{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\",\"input\":{}}"));
    String sent =
        new String(
            responses.encodeRequest(
                claude.decodeRequest(claudeTurn(content)), FixedContext.create()),
            StandardCharsets.UTF_8);
    assertThat(sent).doesNotContain(CLAUDE_SIGNATURE).doesNotContain("\"reasoning\",");
  }

  private JsonNode codexGetsItsReasoningBack(ArrayNode assistantContent) {
    JsonNode sent =
        tree(
            responses.encodeRequest(
                claude.decodeRequest(claudeTurn(assistantContent)), FixedContext.create()));
    JsonNode reasoning = sent.at("/input/1");
    assertThat(reasoning.path("type").asText()).isEqualTo("reasoning");
    assertThat(reasoning.path("encrypted_content").asText()).isEqualTo(CODEX_ENCRYPTED);
    assertThat(sent.at("/input/2/type").asText()).isEqualTo("function_call");
    // Claude itself would never see it.
    assertThat(
            new String(
                claude.encodeRequest(
                    claude.decodeRequest(claudeTurn(assistantContent)), FixedContext.create()),
                StandardCharsets.UTF_8))
        .doesNotContain(CODEX_ENCRYPTED)
        .doesNotContain("\"signature\"");
    return sent;
  }

  /** What an Anthropic SDK accumulates from a stream: each block with its deltas applied. */
  private static ArrayNode claudeContent(List<JsonNode> events) {
    ArrayNode content = JSON.createArrayNode();
    StringBuilder json = new StringBuilder();
    for (JsonNode e : events) {
      switch (e.path("type").asText()) {
        case "content_block_start" -> {
          content.add(e.path("content_block").deepCopy());
          json.setLength(0);
        }
        case "content_block_delta" -> {
          ObjectNode block = (ObjectNode) content.get(content.size() - 1);
          JsonNode d = e.path("delta");
          switch (d.path("type").asText()) {
            case "thinking_delta" ->
                block.put(
                    "thinking", block.path("thinking").asText() + d.path("thinking").asText());
            case "signature_delta" -> block.put("signature", d.path("signature").asText());
            case "text_delta" ->
                block.put("text", block.path("text").asText() + d.path("text").asText());
            case "input_json_delta" -> json.append(d.path("partial_json").asText());
            default -> {}
          }
        }
        case "content_block_stop" -> {
          ObjectNode block = (ObjectNode) content.get(content.size() - 1);
          if (block.path("type").asText().equals("tool_use") && !json.isEmpty()) {
            block.set("input", tree(json.toString()));
          }
        }
        default -> {}
      }
    }
    return content;
  }

  /** A Claude client's next turn: its question, the assistant content, the tool's result. */
  private static byte[] claudeTurn(ArrayNode assistantContent) {
    ObjectNode body = JSON.createObjectNode().put("model", "gpt-5-codex").put("max_tokens", 4096);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "user").put("content", "weather?");
    messages.addObject().put("role", "assistant").set("content", assistantContent);
    String callId = assistantContent.get(assistantContent.size() - 1).path("id").asText("call_1");
    messages
        .addObject()
        .put("role", "user")
        .putArray("content")
        .addObject()
        .put("type", "tool_result")
        .put("tool_use_id", callId)
        .put("content", "sunny");
    body.putArray("tools")
        .addObject()
        .put("name", "get_weather")
        .putObject("input_schema")
        .put("type", "object");
    return bytes(body);
  }

  // ---- Gemini clients with a Claude upstream -------------------------------------------------

  @Test
  void claudesSignatureRidesInThoughtSignatureStreamedAndTheThoughtPiecesBecomeOneBlockAgain() {
    byte[] sse = translate(claude, claudeStream(), gemini);
    ArrayNode parts = JSON.createArrayNode();
    for (JsonNode chunk : dataOf(sse)) {
      chunk.at("/candidates/0/content/parts").forEach(parts::add);
    }
    assertThat(parts.toString()).doesNotContain(CLAUDE_SIGNATURE);
    assertClaudeGetsItsThinkingBackFromGemini(parts);
  }

  @Test
  void claudesSignatureRidesInThoughtSignatureWhole() {
    JsonNode answer =
        tree(
            gemini.encodeResponse(
                claude.decodeResponse(claudeAnswer()), request(), FixedContext.create()));
    ArrayNode parts = (ArrayNode) answer.at("/candidates/0/content/parts");
    assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
    assertThat(parts.get(0).path("thoughtSignature").asText()).isNotEmpty();
    assertClaudeGetsItsThinkingBackFromGemini(parts);
  }

  private void assertClaudeGetsItsThinkingBackFromGemini(ArrayNode modelParts) {
    byte[] turn = geminiTurn(modelParts);
    JsonNode sent =
        tree(
            claude.encodeRequest(
                gemini.decodeRequest(turn, "claude-x", true), FixedContext.create()));
    assertThat(sent.at("/messages/1/content/0"))
        .isEqualTo(
            JSON.createObjectNode()
                .put("type", "thinking")
                .put("thinking", THINKING)
                .put("signature", CLAUDE_SIGNATURE));
    assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");

    // The same history to a Gemini upstream: Claude's reasoning is dropped, and the call carries
    // the validator bypass, as for any history Gemini did not sign.
    JsonNode toGemini =
        tree(
            gemini.encodeRequest(
                gemini.decodeRequest(turn, "gemini-3-pro", true), FixedContext.create()));
    assertThat(toGemini.toString()).doesNotContain(CLAUDE_SIGNATURE).doesNotContain(THINKING);
    JsonNode call = null;
    for (JsonNode part : toGemini.at("/contents/1/parts")) {
      call = part.has("functionCall") ? part : call;
    }
    assertThat(call.path("thoughtSignature").asText())
        .isEqualTo("skip_thought_signature_validator");
  }

  /** A Gemini client's next turn: the model's parts as received, then the function's response. */
  private static byte[] geminiTurn(ArrayNode modelParts) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode contents = body.putArray("contents");
    contents.addObject().put("role", "user").putArray("parts").addObject().put("text", "weather?");
    contents.addObject().put("role", "model").set("parts", modelParts);
    ObjectNode response = contents.addObject().put("role", "user").putArray("parts").addObject();
    response
        .putObject("functionResponse")
        .put("name", "get_weather")
        .putObject("response")
        .put("result", "sunny");
    body.putArray("tools")
        .addObject()
        .putArray("functionDeclarations")
        .addObject()
        .put("name", "get_weather")
        .putObject("parameters")
        .put("type", "OBJECT");
    body.putObject("generationConfig")
        .putObject("thinkingConfig")
        .put("thinkingBudget", 2048)
        .put("include_thoughts", true);
    return bytes(body);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private ChatRequest request() {
    return claude.decodeRequest(
        "{\"model\":\"claude-x\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8));
  }

  private byte[] translate(DialectCodec upstream, byte[] sse, DialectCodec client) {
    StreamDecoder decoder = upstream.streamDecoder(FixedContext.create());
    StreamEncoder encoder = client.streamEncoder(request(), FixedContext.create());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SseEventReader reader = new SseEventReader(new ByteArrayInputStream(sse), 1 << 20);
    try {
      List<StreamEvent> events = new ArrayList<>();
      for (byte[] e = reader.next(); e != null; e = reader.next()) {
        events.addAll(decoder.onEvent(e));
      }
      events.addAll(decoder.onEnd());
      for (StreamEvent e : events) {
        for (byte[] wire : encoder.encode(e)) {
          out.write(wire);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The JSON of every {@code data:} line of an SSE body. */
  private static List<JsonNode> dataOf(byte[] sse) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : new String(sse, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("data: ")) {
        out.add(tree(line.substring(6)));
      }
    }
    return out;
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(byte[] json) {
    return tree(new String(json, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
