package dev.cliproxy.dialect.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tool names shortened for an upstream that refuses long ones (the Codex backend takes at most 64
 * characters), and restored in its answers so the client sees its own names.
 *
 * <p>The rules are CLIProxyAPI's: a name within the limit is kept; a longer name starting with
 * {@code mcp__} becomes {@code mcp__} and the segment after its last {@code __}, cut to the limit;
 * any other longer name is cut to the limit. A short name that is already taken gets {@code _1},
 * {@code _2} … with its base trimmed so the whole stays within the limit. Names within the limit
 * are reserved first, so a client's short name is never renamed.
 *
 * @param limit the longest name the upstream accepts
 * @param shortByOriginal the client's names that change, to their short forms
 * @param originalByShort the reverse, for answers
 */
public record ToolNames(
    int limit, Map<String, String> shortByOriginal, Map<String, String> originalByShort) {

  private static final String MCP_PREFIX = "mcp__";
  private static final String SEGMENT = "__";

  /** No name changes. */
  public static final ToolNames NONE = new ToolNames(Integer.MAX_VALUE, Map.of(), Map.of());

  public ToolNames {
    shortByOriginal = Map.copyOf(shortByOriginal);
    originalByShort = Map.copyOf(originalByShort);
  }

  /**
   * The renames a request needs for an upstream taking names of at most {@code limit} characters:
   * {@link #NONE} when every name in it (tools, tool choice, calls and results in the history)
   * already fits, which is the usual case and costs one scan.
   */
  public static ToolNames of(ChatRequest request, int limit) {
    if (!hasNameLongerThan(request, limit)) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    for (Tool tool : request.tools()) {
      if (tool instanceof Tool.Function function) {
        names.add(function.name());
      }
    }
    Set<String> used = new HashSet<>();
    for (String name : names) {
      if (name.length() <= limit) {
        used.add(name);
      }
    }
    Map<String, String> shortByOriginal = new HashMap<>();
    Map<String, String> originalByShort = new HashMap<>();
    for (String name : names) {
      if (name.length() <= limit || shortByOriginal.containsKey(name)) {
        continue;
      }
      String shortName = unique(candidate(name, limit), used, limit);
      used.add(shortName);
      shortByOriginal.put(name, shortName);
      originalByShort.put(shortName, name);
    }
    return new ToolNames(limit, shortByOriginal, originalByShort);
  }

  /** Whether it renames nothing (so {@link #shorten(ChatRequest)} returns its request). */
  public boolean isEmpty() {
    return shortByOriginal.isEmpty() && limit == Integer.MAX_VALUE;
  }

  /**
   * The name the upstream sees for a client's name: the mapped short name for a declared tool, else
   * the rule applied alone (a call in the history to a tool no longer declared).
   */
  public String shorten(String name) {
    String mapped = shortByOriginal.get(name);
    if (mapped != null) {
      return mapped;
    }
    return name.length() <= limit ? name : candidate(name, limit);
  }

  /** The client's name for a name the upstream used; unknown names stay as they are. */
  public String restore(String name) {
    return originalByShort.getOrDefault(name, name);
  }

  /** The request with its tools, tool choice and history calls and results renamed. */
  public ChatRequest shorten(ChatRequest request) {
    if (isEmpty()) {
      return request;
    }
    List<Tool> tools =
        request.tools().stream()
            .map(tool ->
                tool instanceof Tool.Function f
                    ? new Tool.Function(
                        shorten(f.name()), f.description(), f.parameters(), f.strict())
                    : tool)
            .toList();
    ToolChoice choice =
        request.toolChoice() instanceof ToolChoice.Named named
            ? new ToolChoice.Named(shorten(named.name()))
            : request.toolChoice();
    List<Message> messages =
        request.messages().stream()
            .map(m -> new Message(m.role(), m.parts().stream().map(this::shorten).toList()))
            .toList();
    return new ChatRequest(
        request.model(),
        request.system(),
        messages,
        tools,
        choice,
        request.sampling(),
        request.reasoning(),
        request.responseFormat(),
        request.stream(),
        request.user());
  }

  /** A whole answer with the client's names on its tool calls. */
  public ChatResponse restore(ChatResponse response) {
    if (originalByShort.isEmpty()) {
      return response;
    }
    return new ChatResponse(
        response.id(),
        response.model(),
        response.created(),
        response.content().stream().map(this::restore).toList(),
        response.stopReason(),
        response.usage());
  }

  /** A stream step with the client's name on a tool call that opens. */
  public StreamEvent restore(StreamEvent event) {
    if (event instanceof StreamEvent.BlockStart(int index, StreamEvent.Block.ToolCall call)
        && originalByShort.containsKey(call.name())) {
      return new StreamEvent.BlockStart(
          index, new StreamEvent.Block.ToolCall(call.id(), restore(call.name())));
    }
    return event;
  }

  private Part shorten(Part part) {
    return switch (part) {
      case Part.ToolCall c ->
          new Part.ToolCall(c.id(), shorten(c.name()), c.arguments(), c.signature());
      case Part.ToolResult r when !r.name().isEmpty() ->
          new Part.ToolResult(r.callId(), shorten(r.name()), r.content(), r.isError());
      default -> part;
    };
  }

  private Part restore(Part part) {
    return part instanceof Part.ToolCall c && originalByShort.containsKey(c.name())
        ? new Part.ToolCall(c.id(), restore(c.name()), c.arguments(), c.signature())
        : part;
  }

  private static boolean hasNameLongerThan(ChatRequest request, int limit) {
    for (Tool tool : request.tools()) {
      if (tool instanceof Tool.Function f && f.name().length() > limit) {
        return true;
      }
    }
    if (request.toolChoice() instanceof ToolChoice.Named named && named.name().length() > limit) {
      return true;
    }
    for (Message message : request.messages()) {
      for (Part part : message.parts()) {
        String name =
            switch (part) {
              case Part.ToolCall c -> c.name();
              case Part.ToolResult r -> r.name();
              default -> "";
            };
        if (name.length() > limit) {
          return true;
        }
      }
    }
    return false;
  }

  /** The short form before collisions are resolved. */
  private static String candidate(String name, int limit) {
    if (name.startsWith(MCP_PREFIX)) {
      int last = name.lastIndexOf(SEGMENT);
      if (last > 0) {
        return cut(MCP_PREFIX + name.substring(last + SEGMENT.length()), limit);
      }
    }
    return cut(name, limit);
  }

  /** The candidate, or its trimmed base with the first free {@code _n}. */
  private static String unique(String candidate, Set<String> used, int limit) {
    if (!used.contains(candidate)) {
      return candidate;
    }
    for (int n = 1; ; n++) {
      String suffix = "_" + n;
      String name = cut(candidate, Math.max(0, limit - suffix.length())) + suffix;
      if (!used.contains(name)) {
        return name;
      }
    }
  }

  private static String cut(String name, int limit) {
    return name.length() <= limit ? name : name.substring(0, limit);
  }
}
