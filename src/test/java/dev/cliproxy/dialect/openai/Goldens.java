package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.model.CodecContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-reviewed golden files of this dialect, and the fixed codec context tests use. */
final class Goldens {
  static final ObjectMapper JSON = new ObjectMapper();

  private Goldens() {}

  static byte[] bytes(String name) {
    try (InputStream in = Goldens.class.getResourceAsStream("/golden/openai/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
  }

  static JsonNode json(String name) {
    return tree(bytes(name));
  }

  static JsonNode tree(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A real openai-node SDK capture, copied from shared/fixtures/clients/sdk/all. */
  static JsonNode capture(String file) {
    return json("captures/" + file);
  }

  /** Time 1700000000 and ids 000…001, 000…002, … */
  static CodecContext context() {
    AtomicInteger counter = new AtomicInteger();
    return new CodecContext(
        1_700_000_000L, () -> String.format("%024d", counter.incrementAndGet()));
  }
}
