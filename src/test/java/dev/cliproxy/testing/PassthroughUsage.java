package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The usage a codec's decoders report for an answer, as a translating gateway reports it (the
 * Finish's counts, else the Start's; all-zero counts are none), and what its pass-through hooks
 * ({@link DialectCodec#usageSniffer}, {@link DialectCodec#usageOf}) read from the same bytes, for
 * tests that hold the two equal.
 */
public final class PassthroughUsage {
  private PassthroughUsage() {}

  /** What the stream decoder reports for these raw events. */
  public static Optional<Usage> decoded(DialectCodec codec, List<byte[]> events) {
    StreamDecoder decoder = codec.streamDecoder(FixedContext.create());
    List<StreamEvent> out = new ArrayList<>();
    events.forEach(e -> out.addAll(decoder.onEvent(e)));
    out.addAll(decoder.onEnd());
    Usage usage = null;
    for (StreamEvent event : out) {
      if (event instanceof StreamEvent.Finish finish) {
        usage = finish.usage();
      } else if (event instanceof StreamEvent.Start start && usage == null) {
        usage = start.usage();
      }
    }
    return some(usage);
  }

  /** What the whole-answer decoder reports for this body. */
  public static Optional<Usage> decoded(DialectCodec codec, byte[] body) {
    return some(codec.decodeResponse(body).usage());
  }

  /** What a fresh sniffer reads from these raw events. */
  public static Optional<Usage> sniffed(DialectCodec codec, List<byte[]> events) {
    UsageSniffer sniffer = codec.usageSniffer();
    events.forEach(sniffer::onEvent);
    return sniffer.usage().flatMap(PassthroughUsage::some);
  }

  /** What {@code usageOf} reads from this body. */
  public static Optional<Usage> sniffed(DialectCodec codec, byte[] body) {
    return codec.usageOf(body).flatMap(PassthroughUsage::some);
  }

  /**
   * A captured exchange's answer (golden {@code captures/} files): the raw events of its {@code
   * response.sse}, or empty when it answered whole.
   */
  public static List<byte[]> capturedEvents(JsonNode capture) {
    JsonNode sse = capture.at("/response/sse");
    return sse.isTextual() ? Goldens.sseEvents(sse.textValue()) : List.of();
  }

  /** A captured exchange's whole answer ({@code response.body}), or null when it streamed. */
  public static byte[] capturedBody(JsonNode capture) {
    JsonNode body = capture.at("/response/body");
    return body.isMissingNode() ? null : body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<Usage> some(Usage usage) {
    return Optional.ofNullable(usage).filter(u -> !u.equals(Usage.NONE));
  }
}
