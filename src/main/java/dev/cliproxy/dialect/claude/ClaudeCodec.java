package dev.cliproxy.dialect.claude;

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
import java.util.Optional;

/**
 * The Anthropic Claude Messages dialect ({@code /v1/messages}), to and from the canonical model.
 */
public final class ClaudeCodec implements DialectCodec {
  private final ClaudeRequestDecoder requestDecoder = new ClaudeRequestDecoder();
  private final ClaudeRequestEncoder requestEncoder = new ClaudeRequestEncoder();
  private final ClaudeResponseDecoder responseDecoder = new ClaudeResponseDecoder();
  private final ClaudeResponseEncoder responseEncoder = new ClaudeResponseEncoder();

  @Override
  public Dialect dialect() {
    return Dialect.CLAUDE;
  }

  @Override
  public ChatRequest decodeRequest(byte[] body) {
    return requestDecoder.decode(body);
  }

  @Override
  public ObjectNode encodeRequestTree(ChatRequest request, CodecContext context) {
    return requestEncoder.encode(request, context);
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return responseDecoder.decode(body);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response, ChatRequest request, CodecContext context) {
    return responseEncoder.encode(response, request, context);
  }

  @Override
  public StreamDecoder streamDecoder(CodecContext context) {
    return new ClaudeStreamDecoder(context);
  }

  @Override
  public StreamEncoder streamEncoder(ChatRequest request, CodecContext context) {
    return new ClaudeStreamEncoder(request, context);
  }

  /** Merges {@code message_start}'s input and cache counts with {@code message_delta}'s output. */
  @Override
  public UsageSniffer usageSniffer() {
    return new ClaudeUsageSniffer();
  }

  @Override
  public Optional<Usage> usageOf(byte[] wholeAnswer) {
    return ClaudeUsageSniffer.ofAnswer(wholeAnswer);
  }

  @Override
  public byte[] encodeError(ProxyError error) {
    return ClaudeErrors.body(error);
  }

  @Override
  public byte[] encodeStreamError(ProxyError error) {
    return ClaudeErrors.streamEvent(error);
  }
}
