package dev.cliproxy.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cliproxy.dialect.sse.SseEventReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-reviewed golden files under {@code src/test/resources/golden/}, read by their path in
 * that folder (e.g. {@code "claude/request-full.json"}), and the JSON and SSE reading tests compare
 * them with. The {@code <dialect>/captures/} folders hold real client traffic, copied from
 * shared/fixtures/clients so the tests need nothing outside the repository.
 */
public final class Goldens {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keeps numbers as written ({@code 1.0} stays {@code 1.0}), for comparing JSON as text. */
  private static final ObjectMapper EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Goldens() {}

  /** The file's bytes, exactly as reviewed. */
  public static byte[] bytes(String path) {
    try (InputStream in = Goldens.class.getResourceAsStream("/golden/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file golden/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** The JSON file as a tree, to compare with output regardless of formatting. */
  public static JsonNode json(String path) {
    return tree(bytes(path));
  }

  /** A JSON file found in a {@link #directory}, as a tree. */
  public static JsonNode json(Path file) {
    try {
      return tree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The JSON file, pretty-printed by hand, as compact text in its own key order with its numbers as
   * written: what a codec must write byte for byte.
   */
  public static String compact(String path) {
    try {
      return EXACT.writeValueAsString(EXACT.readTree(bytes(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A folder of golden files, for tests that take every capture in it. */
  public static Path directory(String path) {
    URL url = Goldens.class.getResource("/golden/" + path);
    if (url == null) {
      throw new IllegalArgumentException("no golden folder golden/" + path);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON text (a codec's output, a literal in a test) as a tree. */
  public static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(String json) {
    return tree(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A tree as JSON bytes, e.g. a captured request body to feed a decoder. */
  public static byte[] write(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The raw events of an SSE body, each with its blank line, split as the gateway splits them. */
  public static List<byte[]> sseEvents(byte[] sse) {
    List<byte[]> events = new ArrayList<>();
    SseEventReader reader = new SseEventReader(new ByteArrayInputStream(sse), 1 << 20);
    try {
      for (byte[] event = reader.next(); event != null; event = reader.next()) {
        events.add(event);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  public static List<byte[]> sseEvents(String sse) {
    return sseEvents(sse.getBytes(StandardCharsets.UTF_8));
  }
}
