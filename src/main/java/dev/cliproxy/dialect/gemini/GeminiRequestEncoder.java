package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ChatRequest} as a Gemini {@code generateContent} body (the model goes in the URL,
 * so it is not written). Roles alternate: consecutive turns of one role are merged. System messages
 * before the first turn join {@code systemInstruction}; later ones stay in place as user text,
 * since Gemini has no system turn and their position matters (reminders).
 */
final class GeminiRequestEncoder {
  private GeminiRequestEncoder() {}

  static ObjectNode encode(ChatRequest request) {
    ObjectNode body = GeminiNode.JSON.createObjectNode();
    List<Part.Text> system = new ArrayList<>(request.system());
    ArrayNode contents = body.putArray("contents");
    GeminiPartWriter writer =
        new GeminiPartWriter(GeminiPartWriter.Audience.UPSTREAM, callNames(request));
    String lastRole = null;
    ArrayNode lastParts = null;
    boolean conversationStarted = false;
    for (Message message : request.messages()) {
      if (message.role() == Role.SYSTEM && !conversationStarted) {
        message.parts().stream()
            .filter(p -> p instanceof Part.Text)
            .map(p -> (Part.Text) p)
            .forEach(system::add);
        continue;
      }
      conversationStarted = true;
      String role = message.role() == Role.ASSISTANT ? "model" : "user";
      if (!role.equals(lastRole)) {
        ArrayNode parts = GeminiNode.JSON.createArrayNode();
        writer.write(message.parts(), parts);
        if (parts.isEmpty()) {
          continue;
        }
        ObjectNode content = contents.addObject().put("role", role);
        content.set("parts", parts);
        lastRole = role;
        lastParts = parts;
      } else {
        writer.write(message.parts(), lastParts);
      }
    }
    if (!system.isEmpty()) {
      ObjectNode instruction = GeminiNode.JSON.createObjectNode().put("role", "user");
      ArrayNode parts = instruction.putArray("parts");
      system.forEach(t -> parts.addObject().put("text", t.text()));
      body.set("systemInstruction", instruction);
    }
    tools(request.tools(), body);
    toolConfig(request.toolChoice(), body);
    ObjectNode config = generationConfig(request);
    if (!config.isEmpty()) {
      body.set("generationConfig", config);
    }
    return body;
  }

  private static Map<String, String> callNames(ChatRequest request) {
    Map<String, String> names = new HashMap<>();
    for (Message m : request.messages()) {
      for (Part p : m.parts()) {
        if (p instanceof Part.ToolCall c) {
          names.put(c.id(), c.name());
        }
      }
    }
    return names;
  }

  private static void tools(List<Tool> tools, ObjectNode body) {
    ArrayNode declarations = GeminiNode.JSON.createArrayNode();
    List<JsonNode> natives = new ArrayList<>();
    for (Tool tool : tools) {
      switch (tool) {
        case Tool.Function f -> declarations.add(declaration(f));
        case Tool.Native n -> {
          if (n.dialect() == Dialect.GEMINI) {
            natives.add(n.definition());
          }
          // Other dialects' built-in tools (web search, computer use) do not exist on Gemini.
        }
      }
    }
    if (declarations.isEmpty() && natives.isEmpty()) {
      return;
    }
    ArrayNode out = body.putArray("tools");
    if (!declarations.isEmpty()) {
      out.addObject().set("functionDeclarations", declarations);
    }
    natives.forEach(out::add);
  }

  /**
   * Gemini takes JSON Schema in {@code parametersJsonSchema}, cleaned of the keywords it refuses
   * ({@link GeminiToolSchema}).
   */
  private static ObjectNode declaration(Tool.Function f) {
    ObjectNode d = GeminiNode.JSON.createObjectNode().put("name", f.name());
    if (!f.description().isEmpty()) {
      d.put("description", f.description());
    }
    d.set("parametersJsonSchema", GeminiToolSchema.clean(f.parameters()));
    return d;
  }

  private static void toolConfig(ToolChoice choice, ObjectNode body) {
    ObjectNode calling = GeminiNode.JSON.createObjectNode();
    // Gemini has no switch for parallel calls: the flag is dropped.
    switch (choice) {
      case ToolChoice.Auto a -> {
        return;
      }
      case ToolChoice.None n -> calling.put("mode", "NONE");
      case ToolChoice.Required r -> calling.put("mode", "ANY");
      case ToolChoice.Named n -> {
        calling.put("mode", "ANY");
        calling.putArray("allowedFunctionNames").add(n.name());
      }
    }
    body.putObject("toolConfig").set("functionCallingConfig", calling);
  }

  private static ObjectNode generationConfig(ChatRequest request) {
    ObjectNode c = GeminiNode.JSON.createObjectNode();
    Sampling s = request.sampling();
    s.temperature().ifPresent(v -> c.put("temperature", v));
    s.topP().ifPresent(v -> c.put("topP", v));
    s.topK().ifPresent(v -> c.put("topK", v));
    s.maxOutputTokens().ifPresent(v -> c.put("maxOutputTokens", v));
    if (!s.stopSequences().isEmpty()) {
      ArrayNode stops = c.putArray("stopSequences");
      s.stopSequences().forEach(stops::add);
    }
    s.seed().ifPresent(v -> c.put("seed", v));
    s.presencePenalty().ifPresent(v -> c.put("presencePenalty", v));
    s.frequencyPenalty().ifPresent(v -> c.put("frequencyPenalty", v));
    s.candidateCount().ifPresent(v -> c.put("candidateCount", v));
    switch (request.responseFormat()) {
      case ResponseFormat.Text t -> {}
      case ResponseFormat.JsonObject j -> c.put("responseMimeType", "application/json");
      case ResponseFormat.JsonSchema j -> {
        c.put("responseMimeType", "application/json");
        c.set("responseJsonSchema", j.schema());
      }
    }
    // The model's own thinking switch (GeminiThinking), with the thoughts shown when thinking is
    // on, so clients that show reasoning get it.
    request
        .reasoning()
        .ifPresent(r -> c.set("thinkingConfig", GeminiThinking.config(request.model(), r)));
    return c;
  }
}
