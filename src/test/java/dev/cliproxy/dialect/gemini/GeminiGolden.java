package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.model.CodecContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Test inputs: golden files, the shared client captures, and a fixed codec context. */
final class GeminiGolden {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The shared captures of real clients; tests that need them are skipped when absent. */
  static final Path CAPTURES = Path.of("..", "shared", "fixtures", "clients");

  private GeminiGolden() {}

  static byte[] bytes(String name) {
    try (InputStream in = GeminiGolden.class.getResourceAsStream("/golden/gemini/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static JsonNode tree(String name) {
    return tree(bytes(name));
  }

  static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String ignored, String json) {
    return tree(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Now = 1700000000, random suffixes r0, r1, … */
  static CodecContext context() {
    AtomicInteger n = new AtomicInteger();
    return new CodecContext(1_700_000_000L, () -> "r" + n.getAndIncrement());
  }

  static JsonNode capture(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
