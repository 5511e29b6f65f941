package dev.cliproxy.dialect.model;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.sse.SseData;
import java.nio.charset.StandardCharsets;

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

  /** Writes a request for an upstream of this dialect. */
  byte[] encodeRequest(ChatRequest request, CodecContext context);

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
   * The same error as one server-sent event, for failures after a stream has started; by default
   * the error body as a {@code data:} event.
   */
  default byte[] encodeStreamError(ProxyError error) {
    return SseData.event(encodeError(error));
  }
}
