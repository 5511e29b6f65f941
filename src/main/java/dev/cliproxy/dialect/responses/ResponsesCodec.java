package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.StreamCollector;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import dev.cliproxy.dialect.openai.OpenAiErrors;
import dev.cliproxy.dialect.sse.SseData;
import java.util.Optional;

/** The OpenAI Responses API ({@code POST /v1/responses}, Codex CLI, the Codex backend). */
public final class ResponsesCodec implements DialectCodec {
  private final ResponsesRequestDecoder requestDecoder = new ResponsesRequestDecoder();
  private final ResponsesRequestEncoder requestEncoder = new ResponsesRequestEncoder();
  private final ResponsesResponseDecoder responseDecoder = new ResponsesResponseDecoder();
  private final ResponsesResponseEncoder responseEncoder = new ResponsesResponseEncoder();

  @Override
  public Dialect dialect() {
    return Dialect.OPENAI_RESPONSES;
  }

  @Override
  public ChatRequest decodeRequest(byte[] body) {
    return requestDecoder.decode(body);
  }

  @Override
  public ObjectNode encodeRequestTree(ChatRequest request, CodecContext context) {
    return requestEncoder.encode(request);
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
    return new ResponsesStreamDecoder(context);
  }

  /** Collects a stream's {@code response.completed} into the whole {@code response} object. */
  @Override
  public StreamCollector streamCollector() {
    return new ResponsesStreamCollector();
  }

  @Override
  public StreamEncoder streamEncoder(ChatRequest request, CodecContext context) {
    return new ResponsesStreamEncoder(request, context);
  }

  /** Reads the usage of the final {@code response.completed} (or {@code response.incomplete}). */
  @Override
  public UsageSniffer usageSniffer() {
    return new ResponsesUsageSniffer();
  }

  @Override
  public Optional<Usage> usageOf(byte[] wholeAnswer) {
    return ResponsesUsageSniffer.ofAnswer(wholeAnswer);
  }

  /**
   * OpenAI's error body, {@code {"error":{message,type,param,code}}}, as Responses clients read.
   */
  @Override
  public byte[] encodeError(ProxyError error) {
    return OpenAiErrors.body(error);
  }

  /** A Responses {@code error} event, for failures after a passed-through stream started. */
  @Override
  public byte[] encodeStreamError(ProxyError error) {
    return SseData.namedEvent(
        "error",
        ResponsesJson.bytes(
            ResponsesJson.MAPPER
                .createObjectNode()
                .put("type", "error")
                .put("code", error.code())
                .put("message", error.message())));
  }
}
