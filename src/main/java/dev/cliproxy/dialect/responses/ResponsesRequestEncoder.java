package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ReasoningLevels;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a canonical request for a Responses upstream (the Codex backend, the OpenAI API).
 *
 * <p>The system parts become {@code instructions} (joined by a blank line); system messages later
 * in the conversation become {@code developer} messages in place. Tool results become {@code
 * function_call_output} items, tool calls {@code function_call} items, thinking with a Responses
 * signature a reasoning item (other thinking is dropped). Always {@code store:false}, so no item
 * ids are sent; {@code include:["reasoning.encrypted_content"]} when reasoning is asked for.
 * Dropped because Responses has no field for them: stop sequences, top_k, seed, penalties,
 * candidate count, and a tool result's error flag.
 */
final class ResponsesRequestEncoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  ObjectNode encode(ChatRequest request) {
    ObjectNode body = NODES.objectNode();
    body.put("model", request.model());
    String instructions = ResponsesSettings.instructions(request);
    if (instructions != null) {
      body.put("instructions", instructions);
    }
    ArrayNode input = body.putArray("input");
    for (Message message : request.messages()) {
      writeMessage(message, input);
    }
    ArrayNode tools = ResponsesSettings.tools(request);
    if (!tools.isEmpty()) {
      body.set("tools", tools);
      body.set("tool_choice", ResponsesSettings.toolChoice(request.toolChoice()));
      body.put("parallel_tool_calls", ResponsesSettings.parallelToolCalls(request.toolChoice()));
    }
    Sampling sampling = request.sampling();
    sampling.temperature().ifPresent(t -> body.put("temperature", t));
    sampling.topP().ifPresent(p -> body.put("top_p", p));
    sampling.maxOutputTokens().ifPresent(n -> body.put("max_output_tokens", n));
    request
        .reasoning()
        .ifPresent(r -> {
          body.set("reasoning", ResponsesSettings.reasoning(r, false));
          if (ReasoningLevels.effortOf(r).orElse(null) != Reasoning.Effort.NONE) {
            body.putArray("include").add("reasoning.encrypted_content");
          }
        });
    if (!(request.responseFormat() instanceof ResponseFormat.Text)) {
      body.set("text", ResponsesSettings.text(request.responseFormat()));
    }
    body.put("stream", request.stream());
    body.put("store", false);
    request.user().ifPresent(u -> body.put("user", u));
    return body;
  }

  private static void writeMessage(Message message, ArrayNode input) {
    String role =
        switch (message.role()) {
          case SYSTEM -> "developer";
          case USER -> "user";
          case ASSISTANT -> "assistant";
        };
    String textType = role.equals("assistant") ? "output_text" : "input_text";
    List<Part> content = new ArrayList<>();
    for (Part part : message.parts()) {
      switch (part) {
        case Part.ToolResult result -> {
          flush(role, textType, content, input);
          input
              .addObject()
              .put("type", "function_call_output")
              .put("call_id", result.callId())
              .set("output", toolOutput(result.content()));
        }
        case Part.ToolCall call -> {
          flush(role, textType, content, input);
          input
              .addObject()
              .put("type", "function_call")
              .put("call_id", call.id())
              .put("name", call.name())
              .put("arguments", call.arguments());
        }
        case Part.Thinking thinking -> {
          flush(role, textType, content, input);
          thinking
              .signature()
              .flatMap(s -> s.forUpstream(Dialect.OPENAI_RESPONSES))
              .ifPresent(encrypted -> {
                ObjectNode item = input.addObject().put("type", "reasoning");
                ArrayNode summary = item.putArray("summary");
                if (!thinking.text().isEmpty()) {
                  summary.add(ResponsesItems.summaryText(thinking.text()));
                }
                item.put("encrypted_content", encrypted);
              });
        }
        case Part.Text text -> content.add(text);
        case Part.Image image -> {
          if (message.role() != Role.ASSISTANT) {
            content.add(image);
          }
        }
        case Part.File file -> {
          if (message.role() != Role.ASSISTANT) {
            content.add(file);
          }
        }
        case Part.RedactedThinking ignored -> {
          // Claude's encrypted reasoning means nothing to a Responses upstream.
        }
      }
    }
    flush(role, textType, content, input);
  }

  private static void flush(String role, String textType, List<Part> content, ArrayNode input) {
    if (content.isEmpty()) {
      return;
    }
    ObjectNode item = input.addObject().put("type", "message").put("role", role);
    item.set("content", ResponsesContent.writeAll(content, textType));
    content.clear();
  }

  /** One text stays a string (as clients send it); anything richer is a content array. */
  private static JsonNode toolOutput(List<Part> content) {
    if (content.isEmpty()) {
      return NODES.textNode("");
    }
    if (content.size() == 1 && content.get(0) instanceof Part.Text text) {
      return NODES.textNode(text.text());
    }
    return ResponsesContent.writeAll(content, "input_text");
  }
}
