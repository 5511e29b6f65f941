package dev.cliproxy.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The API a benchmark client speaks: where it posts, which headers and body it sends, how its
 * stream is framed and what makes a whole answer valid. The mock speaks OpenAI Chat only, so only
 * OpenAI Chat workloads have a direct side; Claude Messages goes through the proxy's translation.
 */
enum Dialect {
  OPENAI_CHAT("/chat/completions", "", SseFormat.OPENAI, "\"object\"\\s*:\\s*\"chat\\.completion\""),
  CLAUDE_MESSAGES(
      "/messages",
      "anthropic-version: 2023-06-01\r\nx-api-key: sk-bench-client\r\n",
      SseFormat.CLAUDE,
      "\"type\"\\s*:\\s*\"message\"");

  /** A text block or field with at least one character of text. */
  private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*\"[^\"]");

  private final String path;
  private final String headers;
  final SseFormat sse;
  private final Pattern whole;

  Dialect(String path, String headers, SseFormat sse, String whole) {
    this.path = path;
    this.headers = headers;
    this.sse = sse;
    this.whole = Pattern.compile(whole);
  }

  /** The mock answers this dialect itself, so a workload in it has a direct side. */
  boolean direct() {
    return this == OPENAI_CHAT;
  }

  /** Why a whole (non-stream) answer is not valid in this dialect, or null when it is. */
  String wholeProblem(ByteCounter body) {
    if (body.count() == 0) return "empty body";
    if (body.truncated()) return "answer of " + body.count() + " B is too long to check";
    String text = body.head();
    if (!whole.matcher(text).find()) return "not a " + this + " answer: " + text;
    if (this == CLAUDE_MESSAGES && !TEXT.matcher(text).find()) return "no text content: " + text;
    return null;
  }

  /** The whole HTTP/1.1 request, built once per worker. */
  byte[] request(Target target, boolean stream, int events, int delayMs) {
    String body =
        switch (this) {
          case OPENAI_CHAT -> RequestBodies.openAiChat(stream, events, delayMs);
          case CLAUDE_MESSAGES -> RequestBodies.claudeMessages(stream, events, delayMs);
        };
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + target.basePath()
            + path
            + " HTTP/1.1\r\nHost: "
            + target.host()
            + ":"
            + target.port()
            + "\r\nContent-Type: application/json\r\n"
            + headers
            + "Accept: "
            + (stream ? "text/event-stream" : "application/json")
            + "\r\nContent-Length: "
            + b.length
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + b.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(b, 0, all, h.length, b.length);
    return all;
  }
}
