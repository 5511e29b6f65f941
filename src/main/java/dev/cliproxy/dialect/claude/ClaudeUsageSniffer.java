package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import dev.cliproxy.dialect.sse.FieldProbe;
import dev.cliproxy.dialect.sse.SseData;
import java.util.Optional;

/**
 * The usage of a Claude answer passing through unchanged, merged as {@link ClaudeStreamDecoder}
 * merges it ({@code message_start}, then each {@code message_delta}) and read as {@link
 * ClaudeResponseDecoder} reads a whole message. Only events that may hold a {@code usage} object
 * are parsed; one the decoder could not read ends the answer, as it ends the decoder's.
 */
final class ClaudeUsageSniffer implements UsageSniffer {
  private static final ClaudeJson JSON = ClaudeJson.UPSTREAM;
  private static final FieldProbe USAGE = FieldProbe.object("usage");

  private Usage usage;
  private boolean ended;

  /** The usage of a whole {@code message}; empty when it has none or is an error. */
  static Optional<Usage> ofAnswer(byte[] body) {
    try {
      ObjectNode root = JSON.parseObject(body);
      JsonNode usage = root.get("usage");
      if ("error".equals(root.path("type").asText()) || usage == null || usage.isNull()) {
        return Optional.empty();
      }
      return Optional.of(ClaudeUsage.read(usage, Usage.NONE, JSON, "message.usage"));
    } catch (ProxyException e) {
      return Optional.empty();
    }
  }

  @Override
  public void onEvent(byte[] sseEvent) {
    if (ended || !USAGE.in(sseEvent)) {
      return;
    }
    byte[] data = SseData.of(sseEvent);
    if (data == null || data.length == 0) {
      return;
    }
    try {
      ObjectNode event = JSON.parseObject(data);
      String type = JSON.text(event, "type", "event");
      Usage base = usage == null ? Usage.NONE : usage;
      Usage after = ClaudeUsage.afterEvent(type, event, base, JSON);
      if (after != base) { // the same instance back means the event had no usage
        usage = after;
      }
    } catch (ProxyException e) {
      ended = true;
    }
  }

  @Override
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }
}
