package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.UncheckedIOException;
import java.util.Optional;

/** The OpenAI Chat Completions dialect: requests, answers, streams and errors. */
public final class OpenAiChatCodec implements DialectCodec {

  @Override
  public Dialect dialect() {
    return Dialect.OPENAI_CHAT;
  }

  @Override
  public ChatRequest decodeRequest(byte[] body) {
    return OpenAiRequestDecoder.decode(body);
  }

  @Override
  public ObjectNode encodeRequestTree(ChatRequest request, CodecContext context) {
    return OpenAiRequestEncoder.encode(request);
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return OpenAiResponseDecoder.decode(body);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response, ChatRequest request, CodecContext context) {
    return write(OpenAiResponseEncoder.encode(response, request, context));
  }

  @Override
  public StreamDecoder streamDecoder(CodecContext context) {
    return new OpenAiStreamDecoder(context);
  }

  @Override
  public StreamEncoder streamEncoder(ChatRequest request, CodecContext context) {
    return new OpenAiStreamEncoder(request, context);
  }

  /** Reads the {@code usage} chunk that {@code stream_options.include_usage} asks for. */
  @Override
  public UsageSniffer usageSniffer() {
    return new OpenAiUsageSniffer();
  }

  @Override
  public Optional<Usage> usageOf(byte[] wholeAnswer) {
    return OpenAiUsageSniffer.ofAnswer(wholeAnswer);
  }

  @Override
  public byte[] encodeError(ProxyError error) {
    return OpenAiErrors.body(error);
  }

  private static byte[] write(JsonNode node) {
    try {
      return RequestFields.JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
