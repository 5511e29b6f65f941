package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import dev.cliproxy.dialect.sse.FieldProbe;
import dev.cliproxy.dialect.sse.SseData;
import java.util.Optional;

/**
 * The usage of a Responses answer passing through unchanged, read as {@link ResponsesStreamDecoder}
 * and {@link ResponsesResponseDecoder} read it: from the {@code usage} of the final {@code
 * response} ({@code response.completed} or {@code response.incomplete}); a failed response reports
 * none. Only events that may hold a {@code usage} object are parsed; the type is read from the
 * data, as the decoder reads it.
 */
final class ResponsesUsageSniffer implements UsageSniffer {
  private static final FieldProbe USAGE = FieldProbe.object("usage");

  private Usage usage;
  private boolean ended;

  /** The usage of a whole {@code response} object; empty when it has none or failed. */
  static Optional<Usage> ofAnswer(byte[] body) {
    return Optional.ofNullable(tree(body)).flatMap(ResponsesUsageSniffer::ofResponse);
  }

  @Override
  public void onEvent(byte[] sseEvent) {
    if (ended || !USAGE.in(sseEvent)) {
      return;
    }
    byte[] data = SseData.of(sseEvent);
    JsonNode event = data == null ? null : tree(data);
    if (event == null) {
      return;
    }
    switch (event.path("type").asText("")) {
      case "response.completed", "response.incomplete" -> {
        ofResponse(event.path("response")).ifPresent(u -> usage = u);
        ended = true;
      }
      case "response.failed", "error" -> ended = true;
      default -> {
        // response.created and the like carry no final counts
      }
    }
  }

  @Override
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  private static Optional<Usage> ofResponse(JsonNode response) {
    JsonNode usage = response.get("usage");
    if (usage == null || !usage.isObject() || response.path("status").asText("").equals("failed")) {
      return Optional.empty();
    }
    return Optional.of(ResponsesUsage.read(usage));
  }

  /** The JSON object in the bytes, or null. */
  private static JsonNode tree(byte[] json) {
    try {
      return ResponsesJson.upstream(json, "a passed-through Responses answer");
    } catch (ProxyException e) {
      return null;
    }
  }
}
