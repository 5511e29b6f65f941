package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ReasoningLevels;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import java.util.OptionalInt;

/**
 * Writes a {@link ChatRequest} as a Claude Messages request body: strictly alternating roles, tool
 * results in user turns, a {@code max_tokens} always present and above any thinking budget.
 */
final class ClaudeRequestEncoder {
  /** Claude requires {@code max_tokens}; this is used when the client set no limit. */
  static final int DEFAULT_MAX_TOKENS = 8192;

  /** Claude's smallest accepted {@code budget_tokens}. */
  static final int MIN_THINKING_BUDGET = 1024;

  ObjectNode encode(ChatRequest request, CodecContext context) {
    ClaudeBlockWriter writer = ClaudeBlockWriter.forUpstream(context);
    ObjectNode root = ClaudeJson.MAPPER.createObjectNode();
    root.put("model", request.model());
    ArrayNode messages = messages(request, writer);
    int budget = lastToolUseLacksThinking(messages) ? 0 : thinkingBudget(request);
    Sampling s = request.sampling();
    int maxTokens = s.maxOutputTokens().orElse(DEFAULT_MAX_TOKENS);
    if (budget > 0 && maxTokens <= budget) {
      // Claude refuses max_tokens <= budget_tokens; leave room for the answer after the thinking.
      maxTokens = budget + DEFAULT_MAX_TOKENS;
    }
    root.put("max_tokens", maxTokens);
    if (!request.system().isEmpty()) {
      ArrayNode system = root.putArray("system");
      request.system().forEach(t -> writer.block(t).ifPresent(system::add));
    }
    root.set("messages", messages);
    tools(root, request);
    if (budget > 0) {
      root.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
    }
    // With thinking on, Claude accepts neither a temperature nor top_k other than the default.
    if (budget <= 0) {
      s.temperature().ifPresent(t -> root.put("temperature", t));
    }
    s.topP().ifPresent(p -> root.put("top_p", p));
    if (budget <= 0) {
      s.topK().ifPresent(k -> root.put("top_k", k));
    }
    if (!s.stopSequences().isEmpty()) {
      ArrayNode stops = root.putArray("stop_sequences");
      s.stopSequences().forEach(stops::add);
    }
    // Claude has no plain JSON mode; only a schema can be enforced.
    if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
      root.putObject("output_config")
          .putObject("format")
          .put("type", "json_schema")
          .set("schema", schema.schema());
    }
    request.user().ifPresent(u -> root.putObject("metadata").put("user_id", u));
    if (request.stream()) {
      root.put("stream", true);
    }
    return root;
  }

  /**
   * The thinking budget to send, or 0 for none. "The model decides" (-1) has no equivalent in
   * {@code thinking.type: enabled}, so it becomes the budget of the stated effort, else of MEDIUM.
   */
  static int thinkingBudget(ChatRequest request) {
    if (request.reasoning().isEmpty()) {
      return 0;
    }
    Reasoning r = request.reasoning().get();
    OptionalInt budget = ReasoningLevels.budgetOf(r);
    if (budget.isEmpty() || budget.getAsInt() == 0) {
      return 0;
    }
    int b = budget.getAsInt();
    if (b < 0) {
      Reasoning.Effort effort =
          r.effort().filter(e -> e != Reasoning.Effort.AUTO).orElse(Reasoning.Effort.MEDIUM);
      b = ReasoningLevels.budgetFor(effort);
      if (b == 0) {
        return 0;
      }
    }
    return Math.max(MIN_THINKING_BUDGET, b);
  }

  /**
   * Whether the last assistant turn calls a tool without starting with a thinking block. With
   * thinking on, Claude refuses such a request ("a final assistant message must start with a
   * thinking block"): it must see the signed thinking that led to the tool call. Clients that
   * cannot keep Claude's signatures (OpenAI chat) or dropped them lose those blocks, so this one
   * request is sent without thinking rather than refused.
   */
  static boolean lastToolUseLacksThinking(ArrayNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if (message.path("role").asText().equals("assistant")) {
        JsonNode content = message.path("content");
        boolean callsTool = false;
        for (JsonNode block : content) {
          callsTool |= block.path("type").asText().equals("tool_use");
        }
        String first = content.path(0).path("type").asText("");
        return callsTool && !first.equals("thinking") && !first.equals("redacted_thinking");
      }
    }
    return false;
  }

  /**
   * Claude requires alternating user and assistant turns: each part goes to the role Claude expects
   * for it, and consecutive turns of the same role are merged.
   */
  private static ArrayNode messages(ChatRequest request, ClaudeBlockWriter writer) {
    ArrayNode out = ClaudeJson.MAPPER.createArrayNode();
    String lastRole = null;
    ArrayNode content = null;
    for (Message m : request.messages()) {
      for (Part p : m.parts()) {
        var block = writer.block(p);
        if (block.isEmpty()) {
          continue;
        }
        String role = role(m.role(), p);
        if (!role.equals(lastRole)) {
          ObjectNode message = out.addObject().put("role", role);
          content = message.putArray("content");
          lastRole = role;
        }
        content.add(block.get());
      }
    }
    return out;
  }

  /**
   * Tool results belong in user turns. A system message in mid-conversation is sent as user text:
   * Claude accepts {@code role: system} there only under a beta the upstream may not have.
   */
  private static String role(Role role, Part part) {
    if (part instanceof Part.ToolResult) {
      return "user";
    }
    return role == Role.ASSISTANT ? "assistant" : "user";
  }

  private static void tools(ObjectNode root, ChatRequest request) {
    ArrayNode tools = ClaudeJson.MAPPER.createArrayNode();
    for (Tool t : request.tools()) {
      switch (t) {
        case Tool.Function f -> {
          ObjectNode tool = tools.addObject().put("name", f.name());
          if (!f.description().isEmpty()) {
            tool.put("description", f.description());
          }
          tool.set("input_schema", f.parameters());
          if (f.strict()) {
            tool.put("strict", true);
          }
        }
        case Tool.Native n -> {
          // Another dialect's built-in tool (OpenAI web_search, Gemini googleSearch) is not
          // Claude's.
          if (n.dialect() == Dialect.CLAUDE) {
            tools.add(n.definition());
          }
        }
      }
    }
    if (tools.isEmpty()) {
      return;
    }
    root.set("tools", tools);
    ObjectNode choice = root.putObject("tool_choice");
    switch (request.toolChoice()) {
      case ToolChoice.Auto a -> {
        choice.put("type", "auto");
        if (!a.parallel()) {
          choice.put("disable_parallel_tool_use", true);
        }
      }
      case ToolChoice.Required r -> {
        choice.put("type", "any");
        if (!r.parallel()) {
          choice.put("disable_parallel_tool_use", true);
        }
      }
      case ToolChoice.Named n -> choice.put("type", "tool").put("name", n.name());
      case ToolChoice.None none -> choice.put("type", "none");
    }
  }
}
