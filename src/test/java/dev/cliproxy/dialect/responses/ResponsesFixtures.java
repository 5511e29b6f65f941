package dev.cliproxy.dialect.responses;

import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.StreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test inputs: golden files and a fixed codec context. */
final class ResponsesFixtures {
  private ResponsesFixtures() {}

  /** now = 1700000000; random suffixes "rnd1", "rnd2", … */
  static CodecContext context() {
    AtomicInteger n = new AtomicInteger();
    return new CodecContext(1_700_000_000L, () -> "rnd" + n.incrementAndGet());
  }

  static byte[] golden(String name) {
    try (InputStream in =
        ResponsesFixtures.class.getResourceAsStream("/golden/responses/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String goldenText(String name) {
    return new String(golden(name), StandardCharsets.UTF_8);
  }

  /** Splits SSE text into raw events (each up to and including its blank line). */
  static List<byte[]> sseEvents(String sse) {
    List<byte[]> out = new ArrayList<>();
    for (String e : sse.split("(?<=\n\n)")) {
      if (!e.isBlank()) {
        out.add(e.getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** All canonical events a decoder makes of an SSE text, end of input included. */
  static List<StreamEvent> decodeStream(String sse) {
    ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(context());
    List<StreamEvent> out = new ArrayList<>();
    for (byte[] e : sseEvents(sse)) {
      out.addAll(decoder.onEvent(e));
    }
    out.addAll(decoder.onEnd());
    return out;
  }
}
