package dev.cliproxy.bench.jmh;

import dev.cliproxy.dialect.BodyShape;
import dev.cliproxy.dialect.RequestHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one streaming pass the proxy makes over every model call's body ({@code RequestHead.read}),
 * on realistic pass-through bodies: {@code read(body)} (model and stream
 * only, as before issue 18) and {@code read(body, shape)} with the client
 * dialect's {@link BodyShape} (issue 18 part 2). The bodies: a real Claude Code request from the
 * golden captures (50,491 B, checked against the Claude Messages shape) and the ~1.9 MB agentic
 * OpenAI chat conversation of {@link AgenticConversation} (checked against the chat shape).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-XX:+UseSerialGC", "-Xms16m", "-Xmx512m"})
public class RequestHeadBenchmark {

  /** The Claude Code capture, relative to the repository root. */
  static final String CAPTURE =
      "src/test/resources/golden/claude/captures/claude-code__hi__01-anthropic.messages.request.json";

  @Param({"claude-code-capture", "agentic-openai-chat"})
  public String body;

  private byte[] bytes;
  private BodyShape shape;

  @Setup(Level.Trial)
  public void setUp() {
    if (body.equals("claude-code-capture")) {
      bytes = read(CAPTURE);
      shape = BodyShape.CLAUDE_MESSAGES;
    } else {
      bytes = AgenticConversation.generate().body();
      shape = BodyShape.OPENAI_CHAT;
    }
    RequestHead before = RequestHead.read(bytes);
    RequestHead after = RequestHead.read(bytes, shape);
    if (!before.equals(after)) {
      throw new IllegalStateException("the heads differ: " + before + " vs " + after);
    }
    System.err.printf("%n%s: %,d B, model %s%n", body, bytes.length, after.model().orElse("-"));
  }

  @Benchmark
  public RequestHead readNoShape() {
    return RequestHead.read(bytes);
  }

  @Benchmark
  public RequestHead readWithShape() {
    return RequestHead.read(bytes, shape);
  }

  /** A file under the repository root, found from the working directory upward. */
  private static byte[] read(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(relative);
      if (Files.isRegularFile(file)) {
        try {
          return Files.readAllBytes(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("not found from the working directory upward: " + relative);
  }
}
