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

  /**
   * Real Gemini CLI and genai SDK captures, copied from shared/fixtures/clients (same layout:
   * client/scenario/file) so the tests need nothing outside the repository.
   */
  static final Path CAPTURES = resourceDir("/golden/gemini/captures");

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

  private static Path resourceDir(String name) {
    try {
      return Path.of(GeminiGolden.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " missing", e);
    }
  }

  static JsonNode capture(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
