package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.StopReasons;

/**
 * Writes a {@link ChatResponse} as a {@code chat.completion} for a client; thinking becomes {@code
 * reasoning_content} (its signature has no place in chat and is dropped).
 */
final class OpenAiResponseEncoder {
  private OpenAiResponseEncoder() {}

  static ObjectNode encode(ChatResponse response, ChatRequest request, CodecContext context) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("id", AnswerHeader.id(response.id(), context));
    root.put("object", "chat.completion");
    root.put("created", AnswerHeader.created(response.created(), context));
    root.put("model", AnswerHeader.model(response.model(), request));
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode calls = JsonNodeFactory.instance.arrayNode();
    for (Part part : response.content()) {
      switch (part) {
        case Part.Text t -> text.append(t.text());
        case Part.Thinking t -> reasoning.append(t.text());
        case Part.ToolCall call -> {
          ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
          c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        }
        default -> {} // redacted thinking, media and tool results have no place in an answer
      }
    }
    if (text.isEmpty() && !calls.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (!reasoning.isEmpty()) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", StopReasons.toOpenAi(response.stopReason()));
    OpenAiUsage.encode(response.usage(), root.putObject("usage"));
    return root;
  }
}
