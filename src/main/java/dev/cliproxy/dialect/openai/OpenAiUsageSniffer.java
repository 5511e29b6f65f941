package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import dev.cliproxy.dialect.sse.FieldProbe;
import dev.cliproxy.dialect.sse.SseData;
import java.io.IOException;
import java.util.Optional;

/**
 * The usage of a chat answer passing through unchanged, read as {@link OpenAiStreamDecoder} and
 * {@link OpenAiResponseDecoder} read it: the last chunk with a {@code usage} object wins (OpenAI
 * sends one only with {@code stream_options.include_usage}). Only chunks that may hold one are
 * parsed; an error chunk ends the answer, as it ends the decoder's.
 */
final class OpenAiUsageSniffer implements UsageSniffer {
  private static final FieldProbe USAGE = FieldProbe.object("usage");

  private Usage usage;
  private boolean ended;

  /** The usage of a whole {@code chat.completion}; empty when it has none or is not one. */
  static Optional<Usage> ofAnswer(byte[] body) {
    return Optional.ofNullable(tree(body)).flatMap(OpenAiUsage::of);
  }

  @Override
  public void onEvent(byte[] sseEvent) {
    if (ended || !USAGE.in(sseEvent)) {
      return;
    }
    byte[] data = SseData.of(sseEvent);
    JsonNode chunk = data == null ? null : tree(data);
    if (chunk == null) {
      return;
    }
    if (chunk.hasNonNull("error")) {
      ended = true;
      return;
    }
    OpenAiUsage.of(chunk).ifPresent(u -> usage = u);
  }

  @Override
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /** The JSON object in the bytes, or null. */
  private static JsonNode tree(byte[] json) {
    try {
      JsonNode node = RequestFields.JSON.readTree(json);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
