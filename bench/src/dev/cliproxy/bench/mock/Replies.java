package dev.cliproxy.bench.mock;

import java.nio.charset.StandardCharsets;

/** The mock's fixed HTTP replies, built once as raw bytes in OpenAI Chat Completions format. */
final class Replies {
  private Replies() {}

  static final String ID = "\"id\":\"chatcmpl-mock0000000000000000000000\"";
  static final String HEAD =
      ID + ",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock-model\","
          + "\"system_fingerprint\":\"fp_mock\",";

  /** Content of every delta: {@code tok@} and 19 digits, the mock's System.nanoTime() at write. */
  static final String STAMP_MARK = "tok@";

  static final int STAMP_DIGITS = 19;

  static final byte[] CHAT_COMPLETION =
      response(
          "application/json",
          "{"
              + ID
              + ",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"mock-model\","
              + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
              + "\"Hello! This is the benchmark mock upstream.\"},"
              + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
              + "\"completion_tokens\":11,\"total_tokens\":23},\"system_fingerprint\":\"fp_mock\"}");

  static final byte[] HEALTHZ = response("application/json", "{\"status\":\"ok\"}");
  static final byte[] NOT_FOUND = response("text/plain", "not found\n");
  static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");

  static final byte[] STREAM_HEAD =
      ascii(
          "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n");

  /** First delta, with the role; its stamp digits start at {@link #stampOffset}. */
  static final byte[] FIRST_DELTA = delta("\"role\":\"assistant\",");

  static final byte[] DELTA = delta("");

  static final byte[] FINISH =
      event(
          "{"
              + HEAD
              + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
              + "\"finish_reason\":\"stop\"}]}");

  static final byte[] DONE_AND_END = concat(event("[DONE]"), ascii("0\r\n\r\n"));

  static byte[] usage(int completionTokens) {
    return event(
        "{"
            + HEAD
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":"
            + completionTokens
            + ",\"total_tokens\":"
            + (12 + completionTokens)
            + "}}");
  }

  static int stampOffset(byte[] delta) {
    byte[] mark = ascii(STAMP_MARK);
    outer:
    for (int i = 0; i + mark.length <= delta.length; i++) {
      for (int j = 0; j < mark.length; j++) if (delta[i + j] != mark[j]) continue outer;
      return i + mark.length;
    }
    throw new IllegalStateException("no stamp in delta");
  }

  private static byte[] delta(String role) {
    return event(
        "{"
            + HEAD
            + "\"choices\":[{\"index\":0,\"delta\":{"
            + role
            + "\"content\":\""
            + STAMP_MARK
            + "0".repeat(STAMP_DIGITS)
            + " \"},\"logprobs\":null,\"finish_reason\":null}]}");
  }

  /** One SSE event framed as one HTTP chunk, so each event costs one write. */
  private static byte[] event(String data) {
    byte[] sse = ascii("data: " + data + "\n\n");
    return concat(ascii(Integer.toHexString(sse.length) + "\r\n"), sse, ascii("\r\n"));
  }

  private static byte[] response(String type, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + (type.equals("text/plain") ? "404 Not Found" : "200 OK")
            + "\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + b.length
            + "\r\n\r\n";
    return concat(ascii(head), b);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
