package dev.cliproxy.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * The three request shapes the benchmark sends. Each asks the mock, through the body field
 * {@code "mock"}, for the same reply whether it goes direct or through the proxy.
 */
enum Workload {
  CHAT("non-stream chat", false, 0, 0),
  STREAM_200("stream, 200 events, no delay", true, 200, 0),
  PACED_40("stream, 40 deltas x 5 ms", true, 40, 5);

  final String label;
  final boolean stream;
  final int events;
  final int delayMs;

  Workload(String label, boolean stream, int events, int delayMs) {
    this.label = label;
    this.stream = stream;
    this.events = events;
    this.delayMs = delayMs;
  }

  /** The whole HTTP/1.1 request, built once per worker. */
  byte[] request(Target target) {
    return request(target, stream, events, delayMs);
  }

  static byte[] request(Target target, boolean stream, int events, int delayMs) {
    String body =
        "{\"model\":\"mock-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],"
            + "\"stream\":"
            + stream
            + ",\"mock\":{\"events\":"
            + events
            + ",\"delay_ms\":"
            + delayMs
            + "}}";
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + target.chatPath()
            + " HTTP/1.1\r\nHost: "
            + target.host()
            + ":"
            + target.port()
            + "\r\nContent-Type: application/json\r\nAccept: "
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
