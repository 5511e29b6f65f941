package dev.cliproxy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.sse.SseEventReader;
import dev.cliproxy.testing.CanonicalShape;
import dev.cliproxy.testing.FixedContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream streams: the input is split into SSE events as the gateway splits them, fed to the
 * dialect's stream decoder and closed with {@code onEnd()}. The decoder may throw nothing but
 * {@link ProxyException} (the gateway drops that event, or fails the stream if it comes from {@code
 * onEnd()}), and what it emits must be one well-formed canonical stream ({@link CanonicalShape}).
 * The canonical events are then fed to every codec's stream encoder, which must not throw. Seeds:
 * {@code src/test/resources/dev/cliproxy/fuzz/StreamFuzzTestInputs/<method>/}.
 */
class StreamFuzzTest {

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void openAiChat(byte[] sse) {
    check(FuzzTargets.OPENAI, sse);
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void responses(byte[] sse) {
    check(FuzzTargets.RESPONSES, sse);
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void claude(byte[] sse) {
    check(FuzzTargets.CLAUDE, sse);
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void gemini(byte[] sse) {
    check(FuzzTargets.GEMINI, sse);
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void geminiCli(byte[] sse) {
    check(FuzzTargets.GEMINI_CLI, sse);
  }

  private static void check(DialectCodec upstream, byte[] sse) {
    List<StreamEvent> events = decode(upstream, sse);
    CanonicalShape.check(events);
    for (DialectCodec client : FuzzTargets.ALL) {
      StreamEncoder encoder = client.streamEncoder(FuzzTargets.REQUEST, FixedContext.create());
      for (StreamEvent event : events) {
        encoder.encode(event);
      }
    }
  }

  /** What the gateway would hand the client's encoder for this upstream stream. */
  static List<StreamEvent> decode(DialectCodec upstream, byte[] sse) {
    StreamDecoder decoder = upstream.streamDecoder(FixedContext.create());
    SseEventReader reader =
        new SseEventReader(new ByteArrayInputStream(sse), FuzzLimits.MAX_EVENT_BYTES);
    List<StreamEvent> events = new ArrayList<>();
    while (true) {
      byte[] event;
      try {
        event = reader.next();
      } catch (IOException tooLarge) {
        break; // the gateway ends the stream; here the decoder just sees the end early
      }
      if (event == null) {
        break;
      }
      try {
        events.addAll(decoder.onEvent(event));
      } catch (ProxyException dropped) {
        // the gateway drops an event it cannot translate and goes on
      }
    }
    try {
      events.addAll(decoder.onEnd());
    } catch (ProxyException failed) {
      events.add(new StreamEvent.Failure(failed.getMessage()));
    }
    return events;
  }
}
