package dev.cliproxy.dialect.pairs;

import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Sampling;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import dev.cliproxy.gateway.AnswerChain;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The (client, upstream) pair fixtures: one recorded upstream stream and answer per dialect under
 * {@code golden/pairs/upstream/}, a fixed client request and context, and the gateway's own answer
 * chain ({@link AnswerChain}: its translated shape and its delivery to the client).
 */
final class Pairs {
  private static final Codecs CODECS = Codecs.standard();

  /** Run with {@code -Dgolden.write=true} to (re)write the goldens; then review them by hand. */
  static final boolean WRITE = Boolean.getBoolean("golden.write");

  private static final Path SOURCE_DIR = Path.of("src/test/resources/golden/pairs");

  private Pairs() {}

  /** The dialects' names as used in file names. */
  static String slug(Dialect dialect) {
    return switch (dialect) {
      case OPENAI_CHAT -> "openai";
      case OPENAI_RESPONSES -> "responses";
      case CLAUDE -> "claude";
      case GEMINI -> "gemini";
    };
  }

  static DialectCodec codec(Dialect dialect) {
    return CODECS.of(dialect);
  }

  /** Time 1700000000 and random suffixes 000…001, 000…002, … */
  static CodecContext context() {
    return FixedContext.create();
  }

  /** What the client asked for: model "client-model", two tools. */
  static ChatRequest request(boolean stream) {
    Tool weather =
        new Tool.Function(
            "get_weather",
            "Current weather",
            tree(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                    + "\"required\":[\"city\"]}"),
            false);
    Tool time =
        new Tool.Function(
            "get_time",
            "",
            tree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"),
            false);
    return new ChatRequest(
        "client-model",
        List.of(),
        List.of(
            new Message(Role.USER, List.of(new Part.Text("Weather and time in Paris and Rome?")))),
        List.of(weather, time),
        new ToolChoice.Auto(true),
        Sampling.DEFAULT,
        Optional.empty(),
        new ResponseFormat.Text(),
        stream,
        Optional.empty());
  }

  /** The upstream stream through the gateway's answer chain, as a streaming client gets it. */
  static byte[] translateStream(Dialect upstream, Dialect client) {
    return AnswerChain.stream(
        codec(upstream), codec(client), request(true), context(), upstreamStream(upstream));
  }

  /** The upstream's whole answer through the gateway's answer chain. */
  static byte[] translateResponse(Dialect upstream, Dialect client) {
    return AnswerChain.whole(
        codec(upstream), codec(client), request(false), context(), upstreamResponse(upstream));
  }

  static byte[] upstreamStream(Dialect upstream) {
    return resource("upstream/" + slug(upstream) + ".sse");
  }

  static byte[] upstreamResponse(Dialect upstream) {
    return resource("upstream/" + slug(upstream) + ".json");
  }

  /** The golden file's bytes; when writing goldens, {@code actual} is stored first. */
  static byte[] golden(String name, byte[] actual) {
    if (WRITE) {
      try {
        Files.createDirectories(SOURCE_DIR);
        Files.write(SOURCE_DIR.resolve(name), actual);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return actual;
    }
    return resource(name);
  }

  static byte[] resource(String name) {
    return Goldens.bytes("pairs/" + name);
  }

  static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    return Goldens.tree(json);
  }

  /** The raw events of an SSE body. */
  static List<byte[]> events(byte[] sse) {
    return Goldens.sseEvents(sse);
  }
}
