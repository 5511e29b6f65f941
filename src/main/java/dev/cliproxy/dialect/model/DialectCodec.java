package dev.cliproxy.dialect.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.sse.SseData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything about one wire dialect: requests, whole answers, streams and errors, to and from the
 * canonical model. Implementations are pure: no I/O, no clock, no randomness but {@link
 * CodecContext}.
 */
public interface DialectCodec {

  Dialect dialect();

  /**
   * Reads a client's request.
   *
   * @throws dev.cliproxy.dialect.ProxyException (400) saying what is wrong, when the body is not a
   *     valid request of this dialect
   */
  ChatRequest decodeRequest(byte[] body);

  /**
   * Writes a request for an upstream of this dialect as a JSON tree, which payload rules and the
   * provider's body rules edit before it is written to bytes once.
   */
  ObjectNode encodeRequestTree(ChatRequest request, CodecContext context);

  /** Writes a request for an upstream of this dialect. */
  default byte[] encodeRequest(ChatRequest request, CodecContext context) {
    try {
      return Trees.WRITER.writeValueAsBytes(encodeRequestTree(request, context));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads an upstream's whole answer.
   *
   * @throws dev.cliproxy.dialect.ProxyException (502) when it is not a valid answer
   */
  ChatResponse decodeResponse(byte[] body);

  /** Writes a whole answer for a client; {@code request} supplies fields some dialects echo. */
  byte[] encodeResponse(ChatResponse response, ChatRequest request, CodecContext context);

  /** A decoder for one upstream stream of this dialect. */
  StreamDecoder streamDecoder(CodecContext context);

  /**
   * A collector that turns one upstream stream of this dialect into a whole answer.
   *
   * @throws UnsupportedOperationException for dialects whose upstreams answer whole when asked
   */
  default StreamCollector streamCollector() {
    throw new UnsupportedOperationException(dialect() + " answers are not collected from streams");
  }

  /** An encoder for one client stream of this dialect. */
  StreamEncoder streamEncoder(ChatRequest request, CodecContext context);

  /** The error body this dialect's clients understand. */
  byte[] encodeError(ProxyError error);

  /**
   * The answer to a token-counting request: Anthropic's {@code {"input_tokens":N}} unless the
   * dialect counts differently.
   */
  default byte[] encodeTokenCount(long tokens) {
    return ("{\"input_tokens\":" + tokens + "}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The prompt-token count in an upstream's answer to a counting request: Anthropic's {@code
   * input_tokens} unless the dialect counts differently; empty when the answer holds none.
   */
  default OptionalLong decodeTokenCount(byte[] body) {
    return countField(body, "input_tokens");
  }

  /**
   * A sniffer for the usage in one streamed answer of this dialect as it passes through unchanged.
   * The counts are the ones this dialect's stream decoder would report.
   */
  UsageSniffer usageSniffer();

  /**
   * The usage a whole answer of this dialect reports, read from its bytes as they pass through
   * unchanged; the counts are the ones {@link #decodeResponse} would report. Empty when it reports
   * none or is not an answer of this dialect.
   */
  Optional<Usage> usageOf(byte[] wholeAnswer);

  /** A whole-number field at the top of a JSON answer, e.g. a token count. */
  static OptionalLong countField(byte[] body, String field) {
    try {
      JsonNode value = Trees.WRITER.readTree(body).path(field);
      return value.canConvertToLong() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The mapper codecs share to write request trees. */
  final class Trees {
    static final ObjectMapper WRITER = new ObjectMapper();

    private Trees() {}
  }

  /**
   * The same error as one server-sent event, for failures after a stream has started; by default
   * the error body as a {@code data:} event.
   */
  default byte[] encodeStreamError(ProxyError error) {
    return SseData.event(encodeError(error));
  }
}
