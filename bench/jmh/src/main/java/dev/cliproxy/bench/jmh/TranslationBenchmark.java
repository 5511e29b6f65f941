package dev.cliproxy.bench.jmh;

import dev.cliproxy.dialect.claude.ClaudeCodec;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole request translation as the proxy does it for a cross-dialect route ({@code
 * RequestTranslation}): client bytes → client codec {@code decodeRequest} → {@code withModel}
 * (the route's upstream model) → upstream codec {@code encodeRequest} → upstream bytes. The input
 * is a deterministic ~2 MB agentic conversation ({@link AgenticConversation}), built once per
 * trial and not timed.
 *
 * <p>The fork runs with the launcher's collector and heap ({@code -XX:+UseSerialGC -Xms16m
 * -Xmx512m}), so GC cost is the proxy's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 8)
@Fork(
    value = 1,
    jvmArgs = {"-XX:+UseSerialGC", "-Xms16m", "-Xmx512m"})
public class TranslationBenchmark {

  private final OpenAiChatCodec openAi = new OpenAiChatCodec();
  private final ClaudeCodec claude = new ClaudeCodec();
  private final GeminiCodec gemini = new GeminiCodec();

  /** Fixed ids and clock, as in the codec tests: the codecs are pure. */
  private final CodecContext context =
      new CodecContext(1_763_769_600L, () -> "benchBENCHbench0123456789");

  private byte[] openAiRequest;
  private byte[] claudeRequest;

  @Setup(Level.Trial)
  public void setUp() {
    AgenticConversation.Generated generated = AgenticConversation.generate();
    openAiRequest = generated.body();
    ChatRequest canonical = openAi.decodeRequest(openAiRequest);
    claudeRequest = claude.encodeRequest(canonical.withModel("claude-sonnet-4-5"), context);
    byte[] gemini = claudeToGemini();
    AgenticConversation.Stats s = generated.stats();
    System.err.printf(
        "%ninput: OpenAI chat %,d B (%d messages, %d tool calls, %d tool results, %d user turns,"
            + " %d tools); as Claude %,d B; Claude→Gemini output %,d B%n",
        s.bytes(),
        s.messages(),
        s.toolCalls(),
        s.toolResults(),
        s.userTurns(),
        canonical.tools().size(),
        claudeRequest.length,
        gemini.length);
  }

  @Benchmark
  public byte[] openAiChatToClaude() {
    ChatRequest canonical = openAi.decodeRequest(openAiRequest);
    return claude.encodeRequest(canonical.withModel("claude-sonnet-4-5"), context);
  }

  @Benchmark
  public byte[] claudeToGemini() {
    ChatRequest canonical = claude.decodeRequest(claudeRequest);
    return gemini.encodeRequest(canonical.withModel("gemini-2.5-pro"), context);
  }
}
