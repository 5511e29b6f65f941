package dev.cliproxy.dialect.gemini;

import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import dev.cliproxy.dialect.sse.FieldProbe;
import dev.cliproxy.dialect.sse.SseData;
import java.util.List;
import java.util.Optional;

/**
 * The usage of a Gemini answer passing through unchanged, plain or in the Code Assist envelope,
 * read as {@link GeminiStreamDecoder} and {@link GeminiResponseDecoder} read it: every chunk may
 * repeat {@code usageMetadata}, the last one up to the chunk with the {@code finishReason} wins.
 * Only chunks that may hold either are parsed; an error chunk ends the answer, as it ends the
 * decoder's.
 */
final class GeminiUsageSniffer implements UsageSniffer {
  private static final List<FieldProbe> WORTH_PARSING =
      List.of(
          FieldProbe.object("usageMetadata"),
          FieldProbe.object("usage_metadata"),
          FieldProbe.field("finishReason"),
          FieldProbe.field("finish_reason"));

  private final boolean enveloped;
  private Usage usage;
  private boolean ended;

  /**
   * @param enveloped whether chunks come as Code Assist's {@code {"response":{…}}}
   */
  GeminiUsageSniffer(boolean enveloped) {
    this.enveloped = enveloped;
  }

  /** The usage of a whole answer; empty when it has none or is an error. */
  static Optional<Usage> ofAnswer(byte[] body, boolean enveloped) {
    try {
      return Optional.of(answer(body, enveloped))
          .filter(a -> a.has("usageMetadata"))
          .map(GeminiResponseDecoder::usage);
    } catch (ProxyException e) {
      return Optional.empty();
    }
  }

  @Override
  public void onEvent(byte[] sseEvent) {
    if (ended || WORTH_PARSING.stream().noneMatch(p -> p.in(sseEvent))) {
      return;
    }
    byte[] data = SseData.of(sseEvent);
    if (data == null) {
      return;
    }
    try {
      GeminiNode chunk = answer(data, enveloped);
      if (chunk.has("usageMetadata")) {
        usage = GeminiResponseDecoder.usage(chunk);
      }
      ended =
          chunk.objects("candidates").stream()
              .findFirst()
              .flatMap(c -> c.string("finishReason"))
              .isPresent();
    } catch (ProxyException e) {
      ended = true;
    }
  }

  @Override
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /** The plain answer or chunk, failing on an error body as the decoder does. */
  private static GeminiNode answer(byte[] json, boolean enveloped) {
    GeminiNode root = GeminiNode.answer(json);
    GeminiNode answer = enveloped ? GeminiCliEnvelope.unwrap(root) : root;
    GeminiResponseDecoder.failIfError(answer);
    return answer;
  }
}
