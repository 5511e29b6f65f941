package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import java.io.IOException;
import java.util.List;

/**
 * Serves the legacy {@code /v1/completions} API over Chat Completions upstreams: the prompt becomes
 * one user message, and chat answers (whole or streamed) become {@code text_completion} objects.
 */
public final class LegacyCompletions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> COPIED =
      List.of(
          "model",
          "max_tokens",
          "temperature",
          "top_p",
          "n",
          "stop",
          "stream",
          "stream_options",
          "presence_penalty",
          "frequency_penalty",
          "logit_bias",
          "seed",
          "user");

  private LegacyCompletions() {}

  /** A chat request asking for the same completion as a legacy completions request. */
  public static byte[] toChatRequest(byte[] completionsBody) {
    JsonNode request = parse(completionsBody);
    JsonNode prompt = request.path("prompt");
    String text;
    if (prompt.isMissingNode() || prompt.isNull()) {
      text = "";
    } else if (prompt.isTextual()) {
      text = prompt.asText();
    } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
      text = prompt.get(0).asText();
    } else {
      throw ProxyError.invalidRequest(
              "unsupported_prompt",
              "'prompt' must be a string (or an array holding one string); batched and token-id"
                  + " prompts are not supported by this proxy.")
          .toException();
    }
    ObjectNode chat = JSON.createObjectNode();
    for (String field : COPIED) {
      JsonNode value = request.get(field);
      if (value != null) {
        chat.set(field, value);
      }
    }
    ArrayNode messages = chat.putArray("messages");
    messages.addObject().put("role", "user").put("content", text);
    return write(chat);
  }

  /** A {@code text_completion} object for a whole {@code chat.completion} answer. */
  public static byte[] fromChatResponse(byte[] chatBody) {
    JsonNode chat = parse(chatBody);
    ObjectNode out = header(chat);
    ArrayNode choices = out.putArray("choices");
    for (JsonNode choice : chat.path("choices")) {
      ObjectNode c = choices.addObject();
      c.put("index", choice.path("index").asInt());
      c.put("text", choice.path("message").path("content").asText(""));
      c.putNull("logprobs");
      c.set("finish_reason", choice.path("finish_reason").deepCopy());
    }
    if (chat.has("usage")) {
      out.set("usage", chat.get("usage"));
    }
    return write(out);
  }

  /**
   * The {@code text_completion} chunk for one {@code chat.completion.chunk}, or {@code null} when
   * the chunk carries nothing a completions client shows (role-only deltas, tool deltas).
   */
  public static byte[] fromChatChunk(byte[] chunkJson) {
    JsonNode chunk = parse(chunkJson);
    ObjectNode out = header(chunk);
    ArrayNode choices = out.putArray("choices");
    boolean useful = chunk.hasNonNull("usage");
    for (JsonNode choice : chunk.path("choices")) {
      JsonNode content = choice.path("delta").path("content");
      JsonNode finish = choice.path("finish_reason");
      if (!content.isTextual() && finish.isMissingNode()) {
        continue;
      }
      if (!content.isTextual() && finish.isNull()) {
        continue;
      }
      useful = true;
      ObjectNode c = choices.addObject();
      c.put("index", choice.path("index").asInt());
      c.put("text", content.asText(""));
      c.putNull("logprobs");
      c.set("finish_reason", finish.isMissingNode() ? null : finish.deepCopy());
      if (c.get("finish_reason") == null) {
        c.putNull("finish_reason");
      }
    }
    if (!useful) {
      return null;
    }
    if (chunk.hasNonNull("usage")) {
      out.set("usage", chunk.get("usage"));
    }
    return write(out);
  }

  private static ObjectNode header(JsonNode chat) {
    ObjectNode out = JSON.createObjectNode();
    out.set("id", chat.path("id").isMissingNode() ? null : chat.get("id"));
    if (out.get("id") == null) {
      out.put("id", "cmpl-proxy");
    }
    out.put("object", "text_completion");
    out.put("created", chat.path("created").asLong());
    out.put("model", chat.path("model").asText(""));
    return out;
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw ProxyError.invalidRequest("invalid_json", "Expected a JSON object.").toException();
      }
      return node;
    } catch (IOException e) {
      throw ProxyError.invalidRequest("invalid_json", "Not valid JSON: " + e.getMessage())
          .toException();
    }
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
