package dev.cliproxy.gateway;

import dev.cliproxy.dialect.AnsweredModel;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.StreamCollector;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEncoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.dialect.model.ToolNames;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.dialect.model.UsageSniffer;
import dev.cliproxy.dialect.openai.LegacyCompletions;
import dev.cliproxy.dialect.sse.SseData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one upstream answer becomes the client's: unchanged when both speak the same dialect, through
 * the canonical model when they do not; and what usage the answer reported. Stateful: one per try
 * (a retry after a 401 gets a fresh one).
 */
sealed interface ResponseShape {

  /** The whole-response body for the client. */
  byte[] body(byte[] upstreamBody);

  /** The client's events for one upstream event (possibly none). */
  List<byte[]> events(byte[] upstreamEvent);

  /** The client's closing events once the upstream stream has ended. */
  List<byte[]> end();

  /** An in-stream error event for failures after the stream started. */
  byte[] errorEvent(ProxyError error);

  /** Collects the upstream's stream into its whole answer, for {@link #body}. */
  StreamCollector collector();

  /** The token counts the answer reported so far (final once it has ended); empty if none. */
  Optional<Usage> usage();

  /**
   * Client and upstream speak the same dialect: bytes pass through unchanged, and a sniffer reads
   * the usage from them when someone listens.
   */
  final class Passthrough implements ResponseShape {
    private final DialectCodec client;
    private final UsageSniffer sniffer;
    private byte[] whole;

    /**
     * @param sniff whether to read the usage (skipped when no listener wants it)
     */
    Passthrough(DialectCodec client, boolean sniff) {
      this.client = client;
      this.sniffer = sniff ? client.usageSniffer() : null;
    }

    @Override
    public byte[] body(byte[] upstreamBody) {
      whole = upstreamBody;
      return upstreamBody;
    }

    @Override
    public List<byte[]> events(byte[] upstreamEvent) {
      if (sniffer != null) {
        sniffer.onEvent(upstreamEvent);
      }
      return List.of(upstreamEvent);
    }

    @Override
    public Optional<Usage> usage() {
      if (sniffer == null) {
        return Optional.empty();
      }
      Optional<Usage> read = whole != null ? client.usageOf(whole) : sniffer.usage();
      return read.filter(u -> !u.equals(Usage.NONE)); // as Translated reports all-zero counts
    }

    @Override
    public List<byte[]> end() {
      return List.of();
    }

    @Override
    public byte[] errorEvent(ProxyError error) {
      return client.encodeStreamError(error);
    }

    @Override
    public StreamCollector collector() {
      return client.streamCollector();
    }
  }

  /**
   * Different dialects: upstream → canonical → client, with tool names the upstream saw shortened
   * turned back into the client's.
   */
  final class Translated implements ResponseShape {
    private final DialectCodec upstream;
    private final DialectCodec client;
    private final ChatRequest request;
    private final CodecContext context;
    private final ToolNames toolNames;
    private StreamDecoder decoder;
    private StreamEncoder encoder;
    private Usage usage;

    /**
     * @param request the client's request, with its own tool names
     * @param toolNames the names shortened for the upstream
     */
    Translated(
        DialectCodec upstream,
        DialectCodec client,
        ChatRequest request,
        CodecContext context,
        ToolNames toolNames) {
      this.upstream = upstream;
      this.client = client;
      this.request = request;
      this.context = context;
      this.toolNames = toolNames;
    }

    @Override
    public byte[] body(byte[] upstreamBody) {
      ChatResponse answer = upstream.decodeResponse(upstreamBody);
      usage = answer.usage();
      return client.encodeResponse(toolNames.restore(answer), request, context);
    }

    @Override
    public Optional<Usage> usage() {
      return Optional.ofNullable(usage).filter(u -> !u.equals(Usage.NONE));
    }

    @Override
    public List<byte[]> events(byte[] upstreamEvent) {
      return encode(decoder().onEvent(upstreamEvent));
    }

    @Override
    public List<byte[]> end() {
      return encode(decoder().onEnd());
    }

    @Override
    public byte[] errorEvent(ProxyError error) {
      List<byte[]> events = encode(List.of(new StreamEvent.Failure(error.message())));
      return events.isEmpty() ? client.encodeStreamError(error) : concat(events);
    }

    @Override
    public StreamCollector collector() {
      return upstream.streamCollector();
    }

    private StreamDecoder decoder() {
      if (decoder == null) {
        decoder = upstream.streamDecoder(context);
        encoder = client.streamEncoder(request, context);
      }
      return decoder;
    }

    private List<byte[]> encode(List<StreamEvent> canonical) {
      decoder();
      List<byte[]> out = new ArrayList<>();
      for (StreamEvent event : canonical) {
        if (event instanceof StreamEvent.Finish finish) {
          usage = finish.usage();
        } else if (event instanceof StreamEvent.Start start && usage == null) {
          usage = start.usage();
        }
        out.addAll(encoder.encode(toolNames.restore(event)));
      }
      return out;
    }
  }

  /** A legacy completions client: the chat answer, reshaped as {@code text_completion}. */
  record Completions(ResponseShape chat) implements ResponseShape {
    @Override
    public byte[] body(byte[] upstreamBody) {
      return LegacyCompletions.fromChatResponse(chat.body(upstreamBody));
    }

    @Override
    public List<byte[]> events(byte[] upstreamEvent) {
      return reshape(chat.events(upstreamEvent));
    }

    @Override
    public List<byte[]> end() {
      return reshape(chat.end());
    }

    @Override
    public byte[] errorEvent(ProxyError error) {
      return chat.errorEvent(error);
    }

    @Override
    public StreamCollector collector() {
      return chat.collector();
    }

    @Override
    public Optional<Usage> usage() {
      return chat.usage();
    }

    private static List<byte[]> reshape(List<byte[]> chatEvents) {
      List<byte[]> out = new ArrayList<>(chatEvents.size());
      for (byte[] event : chatEvents) {
        byte[] data = SseData.of(event);
        if (data == null) {
          continue;
        }
        if (SseData.isDone(data)) {
          out.add(event);
          continue;
        }
        byte[] chunk = LegacyCompletions.fromChatChunk(data);
        if (chunk != null) {
          out.add(SseData.event(chunk));
        }
      }
      return out;
    }
  }

  /**
   * Another shape's answer reporting the model the client asked for instead of the one that
   * answered (a mapping chose it), streamed and whole.
   */
  record Renamed(ResponseShape shape, AnsweredModel model) implements ResponseShape {
    @Override
    public byte[] body(byte[] upstreamBody) {
      return model.inBody(shape.body(upstreamBody));
    }

    @Override
    public List<byte[]> events(byte[] upstreamEvent) {
      return rename(shape.events(upstreamEvent));
    }

    @Override
    public List<byte[]> end() {
      return rename(shape.end());
    }

    @Override
    public byte[] errorEvent(ProxyError error) {
      return shape.errorEvent(error);
    }

    @Override
    public StreamCollector collector() {
      return shape.collector();
    }

    @Override
    public Optional<Usage> usage() {
      return shape.usage();
    }

    private List<byte[]> rename(List<byte[]> events) {
      return events.stream().map(model::inEvent).toList();
    }
  }

  /** Several events written (and flushed) together. */
  static byte[] concat(List<byte[]> events) {
    if (events.size() == 1) {
      return events.get(0);
    }
    int size = 0;
    for (byte[] e : events) {
      size += e.length;
    }
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] e : events) {
      System.arraycopy(e, 0, out, at, e.length);
      at += e.length;
    }
    return out;
  }
}
