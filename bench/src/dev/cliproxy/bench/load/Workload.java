package dev.cliproxy.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The request shapes the benchmark sends. Each asks the mock for the same reply whether it goes
 * direct or through the proxy (see {@link RequestBodies}). The Claude workloads have no direct
 * side: the mock speaks OpenAI only, so they measure the proxy's Claude ⇄ OpenAI translation.
 */
enum Workload {
  CHAT("chat", "non-stream chat", Dialect.OPENAI_CHAT, false, 0, 0),
  STREAM_200("stream", "stream, 200 events, no delay", Dialect.OPENAI_CHAT, true, 200, 0),
  PACED_40("paced", "stream, 40 deltas x 5 ms", Dialect.OPENAI_CHAT, true, 40, 5),
  CLAUDE_WHOLE("claude-whole", "Claude, whole answer", Dialect.CLAUDE_MESSAGES, false, 0, 0),
  CLAUDE_STREAM_200(
      "claude-stream", "Claude stream, 200 events", Dialect.CLAUDE_MESSAGES, true, 200, 0);

  /** Name for --workloads; a prefix before "-" selects a group ("claude"). */
  final String key;

  final String label;
  final Dialect dialect;
  final boolean stream;
  final int events;
  final int delayMs;

  Workload(String key, String label, Dialect dialect, boolean stream, int events, int delayMs) {
    this.key = key;
    this.label = label;
    this.dialect = dialect;
    this.stream = stream;
    this.events = events;
    this.delayMs = delayMs;
  }

  /** The whole HTTP/1.1 request, built once per worker. */
  byte[] request(Target target) {
    return dialect.request(target, stream, events, delayMs);
  }

  /**
   * The workloads a comma-separated list names, in their order here: keys ("chat"), groups
   * ("claude" = claude-whole and claude-stream) or "all" (also the empty list).
   */
  static List<Workload> select(String csv) {
    List<String> names = Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (names.isEmpty() || names.contains("all")) return List.of(values());
    for (String n : names) {
      if (Arrays.stream(values()).noneMatch(w -> w.matches(n))) {
        List<String> keys = new ArrayList<>(List.of("all", "claude"));
        for (Workload w : values()) keys.add(w.key);
        throw new IllegalArgumentException("unknown workload '" + n + "'; known: " + String.join(", ", keys));
      }
    }
    return Arrays.stream(values()).filter(w -> names.stream().anyMatch(w::matches)).toList();
  }

  private boolean matches(String name) {
    return key.equals(name) || key.startsWith(name + "-");
  }
}
