package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/** The Gemini {@code generateContent} / {@code streamGenerateContent?alt=sse} dialect. */
public final class GeminiCodec implements DialectCodec {

  @Override
  public Dialect dialect() {
    return Dialect.GEMINI;
  }

  /**
   * Reads a client's request without its URL: the model is empty and the stream flag false; use
   * {@link #decodeRequest(byte[], String, boolean)} when the route is known.
   */
  @Override
  public ChatRequest decodeRequest(byte[] body) {
    return decodeRequest(body, "", false);
  }

  /** Reads a client's request; Gemini puts the model and the choice to stream in the URL. */
  public ChatRequest decodeRequest(byte[] body, String model, boolean stream) {
    return GeminiRequestDecoder.decode(body, model, stream);
  }

  @Override
  public ObjectNode encodeRequestTree(ChatRequest request, CodecContext context) {
    return GeminiRequestEncoder.encode(request);
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return GeminiResponseDecoder.decode(body);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response, ChatRequest request, CodecContext context) {
    ChatResponse answer =
        response.model().isEmpty()
            ? new ChatResponse(
                response.id(),
                request.model(),
                response.created(),
                response.content(),
                response.stopReason(),
                response.usage())
            : response;
    return GeminiNode.bytes(GeminiResponseEncoder.encode(answer));
  }

  @Override
  public StreamDecoder streamDecoder(CodecContext context) {
    return new GeminiStreamDecoder(context);
  }

  @Override
  public StreamEncoder streamEncoder(ChatRequest request, CodecContext context) {
    return new GeminiStreamEncoder(request.model());
  }

  /** Reads the {@code usageMetadata} chunks repeat, up to the one with the finishReason. */
  @Override
  public UsageSniffer usageSniffer() {
    return new GeminiUsageSniffer(false);
  }

  @Override
  public Optional<Usage> usageOf(byte[] wholeAnswer) {
    return GeminiUsageSniffer.ofAnswer(wholeAnswer, false);
  }

  @Override
  public byte[] encodeError(ProxyError error) {
    return GeminiErrors.body(error);
  }

  /** Gemini's {@code countTokens} answer: {@code totalTokens}. */
  @Override
  public OptionalLong decodeTokenCount(byte[] body) {
    return DialectCodec.countField(body, "totalTokens");
  }

  /** Gemini's {@code countTokens} answer. */
  @Override
  public byte[] encodeTokenCount(long tokens) {
    return ("{\"totalTokens\":" + tokens + "}").getBytes(StandardCharsets.UTF_8);
  }
}
