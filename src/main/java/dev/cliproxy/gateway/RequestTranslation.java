package dev.cliproxy.gateway;

import dev.cliproxy.dialect.AnsweredModel;
import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.dialect.gemini.GeminiCliEnvelope;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.SignatureCarrier;
import dev.cliproxy.dialect.model.ToolNames;
import dev.cliproxy.dialect.openai.LegacyCompletions;
import dev.cliproxy.provider.UpstreamBody;
import java.util.OptionalInt;

/**
 * Prepares one client request for each upstream it may be sent to: passed through byte for byte
 * (only the model changes; a Gemini body, whose model is in the path, not at all) when both sides
 * speak the same dialect, translated through the canonical model when they do not, or when the body
 * holds another upstream's signature the proxy wrapped for the client (a conversation that changed
 * provider), which only translation unwraps or drops. A plain Gemini body is never passed to an
 * upstream that speaks the Code Assist envelope. The client's body is decoded at most once.
 */
final class RequestTranslation {
  private final ClientRequest request;
  private final Codecs codecs;
  private final CodecContext context;
  private final byte[] clientBody;
  private final RequestHead clientHead;
  private ChatRequest canonical;
  private Boolean carriesForeignSignature;

  /**
   * The upstream body for one route, and how its answer is shaped for the client: fresh for each
   * try, since steps edit the body and shapes hold stream state.
   *
   * @param passthrough whether the body is the client's own, with only the model changed
   */
  record Prepared(UpstreamBody body, ResponseShape shape, boolean passthrough) {}

  RequestTranslation(ClientRequest request, Codecs codecs, CodecContext context) {
    this.request = request;
    this.codecs = codecs;
    this.context = context;
    if (request.api() == ClientApi.OPENAI_COMPLETIONS) {
      clientBody = LegacyCompletions.toChatRequest(request.body());
      clientHead = RequestHead.read(clientBody);
    } else {
      clientBody = request.body();
      clientHead = request.head();
    }
  }

  /**
   * @param sniffUsage whether a passed-through answer's usage is read (someone listens)
   */
  Prepared forRoute(ModelCatalog.Route route, boolean sniffUsage) {
    Dialect clientDialect = request.api().dialect();
    DialectCodec client = clientCodec();
    DialectCodec upstream = route.provider().protocol().codec();
    Prepared prepared;
    if (route.provider().dialect() == clientDialect
        && request.api() != ClientApi.GEMINI_CLI
        && (upstream instanceof GeminiCliEnvelope) == (client instanceof GeminiCliEnvelope)
        && (clientHead.modelStart() >= 0 || request.api() == ClientApi.GEMINI)
        && !carriesForeignSignature()) {
      // A Gemini body names no model (the path does; the provider writes the upstream's there).
      byte[] body =
          clientHead.modelStart() >= 0
              ? clientHead.withModel(clientBody, route.upstreamModel())
              : clientBody;
      prepared =
          new Prepared(
              UpstreamBody.ofBytes(body), new ResponseShape.Passthrough(client, sniffUsage), true);
    } else {
      ChatRequest asked = canonical(client);
      ToolNames names = toolNames(asked, route);
      prepared =
          new Prepared(
              UpstreamBody.ofTree(
                  upstream.encodeRequestTree(
                      names.shorten(asked).withModel(route.upstreamModel()), context)),
              new ResponseShape.Translated(upstream, client, asked, context, names),
              false);
    }
    ResponseShape shape = prepared.shape();
    if (request.api() == ClientApi.OPENAI_COMPLETIONS) {
      shape = new ResponseShape.Completions(shape);
    }
    if (request.reportedModel().isPresent()) {
      shape = new ResponseShape.Renamed(shape, new AnsweredModel(request.reportedModel().get()));
    }
    return new Prepared(prepared.body(), shape, prepared.passthrough());
  }

  /**
   * The tool names the route's upstream needs shortened, restored in its answers; none when it has
   * no limit or every name fits. A passed-through body is the client's own request to an upstream
   * of its dialect (Codex CLI to Codex), whose names already suit it.
   */
  private static ToolNames toolNames(ChatRequest asked, ModelCatalog.Route route) {
    OptionalInt limit = route.provider().protocol().toolNameLimit();
    return limit.isPresent() ? ToolNames.of(asked, limit.getAsInt()) : ToolNames.NONE;
  }

  /** Whether the client's body holds a signature wrapped for it by the proxy (scanned once). */
  private boolean carriesForeignSignature() {
    if (carriesForeignSignature == null) {
      carriesForeignSignature = SignatureCarrier.isCarriedIn(clientBody);
    }
    return carriesForeignSignature;
  }

  /** The client's request in canonical form (decoded once). */
  ChatRequest canonicalRequest() {
    return canonical(clientCodec());
  }

  /** The client's codec; Gemini CLI clients wrap Gemini in the Code Assist envelope. */
  private DialectCodec clientCodec() {
    DialectCodec codec = codecs.of(request.api().dialect());
    return request.api() == ClientApi.GEMINI_CLI && codec instanceof GeminiCodec gemini
        ? new GeminiCliEnvelope(gemini)
        : codec;
  }

  /**
   * The client's request in canonical form, with the model and stream flag the client asked for.
   */
  private ChatRequest canonical(DialectCodec client) {
    if (canonical == null) {
      ChatRequest decoded = client.decodeRequest(clientBody).withStream(request.stream());
      canonical = request.model().map(decoded::withModel).orElse(decoded);
    }
    return canonical;
  }
}
