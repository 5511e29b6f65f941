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
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import dev.cliproxy.dialect.sse.SseData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Gemini CLI / Code Assist {@code v1internal} envelope around the plain Gemini codec: requests
 * are {@code {"model","project","user_prompt_id",…,"request":{generateContent body}}}, answers and
 * stream chunks {@code {"response":{…},"traceId"}}; errors are not wrapped.
 */
public final class GeminiCliEnvelope implements DialectCodec {

  /**
   * An unwrapped Code Assist request.
   *
   * @param model the envelope's model
   * @param project the Google Cloud project, may be empty
   * @param envelope the envelope's other fields ({@code user_prompt_id} …), kept to send on
   * @param body the plain {@code generateContent} body
   */
  public record Request(String model, String project, ObjectNode envelope, byte[] body) {}

  private final GeminiCodec plain;

  public GeminiCliEnvelope(GeminiCodec plain) {
    this.plain = plain;
  }

  /** Splits a Code Assist request into its envelope and its plain body. */
  public static Request unwrapRequest(byte[] body) {
    GeminiNode root = GeminiNode.request(body);
    GeminiNode inner =
        root.object("request").orElseThrow(() -> root.fail("request", "is required"));
    ObjectNode envelope = ((ObjectNode) root.raw()).deepCopy();
    envelope.remove(List.of("request", "model", "project"));
    return new Request(
        root.string("model").orElse(""),
        root.string("project").orElse(""),
        envelope,
        GeminiNode.bytes(inner.raw()));
  }

  /** Wraps a plain body for a Code Assist upstream, with the envelope fields to keep. */
  public static byte[] wrapRequest(byte[] body, String model, String project, ObjectNode envelope) {
    return GeminiNode.bytes(
        wrapTree((ObjectNode) GeminiNode.answer(body).raw(), model, project, envelope));
  }

  /** The envelope around a plain request tree. */
  private static ObjectNode wrapTree(
      ObjectNode request, String model, String project, ObjectNode envelope) {
    ObjectNode root = GeminiNode.JSON.createObjectNode();
    root.put("model", model);
    root.put("project", project);
    envelope.properties().forEach(e -> root.set(e.getKey(), e.getValue()));
    root.set("request", request);
    return root;
  }

  /** The plain answer inside {@code {"response":…}}; an unwrapped body (an error) as it is. */
  public static byte[] unwrapResponse(byte[] body) {
    GeminiNode root = GeminiNode.answer(body);
    GeminiNode response = unwrap(root);
    return response == root ? body : GeminiNode.bytes(response.raw());
  }

  /** The {@code response} inside an answer or chunk; an unwrapped one (an error) as it is. */
  static GeminiNode unwrap(GeminiNode root) {
    return root.object("response").orElse(root);
  }

  /**
   * A plain answer or chunk wrapped as {@code {"response":…}}, with its {@code responseId} as the
   * {@code traceId} Code Assist sends beside it (Gemini CLI reads it as the response id); errors
   * stay unwrapped.
   */
  public static byte[] wrapResponse(byte[] body) {
    GeminiNode root = GeminiNode.answer(body);
    if (root.has("error")) {
      return body;
    }
    Optional<String> traceId = root.string("responseId").filter(id -> !id.isEmpty());
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 32);
    out.writeBytes("{\"response\":".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    traceId.ifPresent(id -> {
      out.writeBytes(",\"traceId\":".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(GeminiNode.bytes(GeminiNode.JSON.getNodeFactory().textNode(id)));
    });
    out.write('}');
    return out.toByteArray();
  }

  /** One SSE event with its chunk unwrapped. */
  public static byte[] unwrapEvent(byte[] sseEvent) {
    byte[] data = SseData.of(sseEvent);
    if (data == null || new String(data, StandardCharsets.UTF_8).isBlank()) {
      return sseEvent;
    }
    return SseData.event(unwrapResponse(data));
  }

  /** One {@code data:} SSE event with its chunk wrapped. */
  public static byte[] wrapEvent(byte[] sseEvent) {
    byte[] data = SseData.of(sseEvent);
    return data == null ? sseEvent : SseData.event(wrapResponse(data));
  }

  @Override
  public Dialect dialect() {
    return Dialect.GEMINI;
  }

  /** Reads a Code Assist request; the model comes from the envelope, the stream flag is false. */
  @Override
  public ChatRequest decodeRequest(byte[] body) {
    return decodeRequest(body, false);
  }

  /** Reads a Code Assist request; the stream flag comes from the route. */
  public ChatRequest decodeRequest(byte[] body, boolean stream) {
    Request request = unwrapRequest(body);
    return plain.decodeRequest(request.body(), request.model(), stream);
  }

  /** Writes a Code Assist request with an empty project, which the provider fills in. */
  @Override
  public ObjectNode encodeRequestTree(ChatRequest request, CodecContext context) {
    return wrapTree(
        plain.encodeRequestTree(request, context),
        request.model(),
        "",
        GeminiNode.JSON.createObjectNode());
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return plain.decodeResponse(unwrapResponse(body));
  }

  @Override
  public byte[] encodeResponse(ChatResponse response, ChatRequest request, CodecContext context) {
    return wrapResponse(plain.encodeResponse(response, request, context));
  }

  @Override
  public StreamDecoder streamDecoder(CodecContext context) {
    StreamDecoder inner = plain.streamDecoder(context);
    return new StreamDecoder() {
      @Override
      public List<StreamEvent> onEvent(byte[] sseEvent) {
        byte[] unwrapped;
        try {
          unwrapped = unwrapEvent(sseEvent);
        } catch (dev.cliproxy.dialect.ProxyException e) {
          unwrapped = sseEvent; // the plain decoder reports the unreadable chunk
        }
        return inner.onEvent(unwrapped);
      }

      @Override
      public List<StreamEvent> onEnd() {
        return inner.onEnd();
      }
    };
  }

  @Override
  public StreamEncoder streamEncoder(ChatRequest request, CodecContext context) {
    StreamEncoder inner = plain.streamEncoder(request, context);
    return event -> {
      List<byte[]> out = new ArrayList<>();
      for (byte[] e : inner.encode(event)) {
        out.add(wrapEvent(e));
      }
      return out;
    };
  }

  /** The plain Gemini sniffer, reading inside each chunk's envelope. */
  @Override
  public UsageSniffer usageSniffer() {
    return new GeminiUsageSniffer(true);
  }

  @Override
  public Optional<Usage> usageOf(byte[] wholeAnswer) {
    return GeminiUsageSniffer.ofAnswer(wholeAnswer, true);
  }

  /** Code Assist's {@code countTokens} answers {@code {"totalTokens":N}}, wrapped or not. */
  @Override
  public java.util.OptionalLong decodeTokenCount(byte[] body) {
    try {
      return plain.decodeTokenCount(unwrapResponse(body));
    } catch (dev.cliproxy.dialect.ProxyException unreadable) {
      return java.util.OptionalLong.empty();
    }
  }

  @Override
  public byte[] encodeTokenCount(long tokens) {
    return plain.encodeTokenCount(tokens);
  }

  @Override
  public byte[] encodeError(ProxyError error) {
    return plain.encodeError(error);
  }
}
