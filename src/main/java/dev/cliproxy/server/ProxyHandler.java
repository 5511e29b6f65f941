package dev.cliproxy.server;

import dev.cliproxy.auth.SecretMask;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.dialect.gemini.GeminiCountRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.gateway.ClientApi;
import dev.cliproxy.gateway.ClientRequest;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.gateway.RequestTrace;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.provider.ClientHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front door: matches the route, checks the client key, reads the body, hands the request
 * to the gateway, and answers every failure in the client's dialect. One access-log line per
 * request. Runs each request on its own virtual thread.
 */
final class ProxyHandler extends Handler.Abstract {
  private static final Logger access = LoggerFactory.getLogger("access");
  private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

  /** Headers that carry this proxy's client keys; never handed to providers. */
  private static final Set<String> CLIENT_KEY_HEADERS =
      Set.of("authorization", "x-api-key", "x-goog-api-key", "proxy-authorization", "cookie");

  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ROOT =
      ("{\"message\":\"CLI Proxy API Server\",\"endpoints\":[\"POST /v1/chat/completions\","
              + "\"POST /v1/completions\",\"GET /v1/models\"]}")
          .getBytes(StandardCharsets.UTF_8);

  private final Gateway gateway;
  private final Codecs codecs;
  private final ClientKeyCheck keyCheck = new ClientKeyCheck();

  ProxyHandler(Gateway gateway, Codecs codecs) {
    super(InvocationType.BLOCKING);
    this.gateway = gateway;
    this.codecs = codecs;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    RequestTrace trace = new RequestTrace();
    JettyClientSink sink = new JettyClientSink(request, response);
    String method = request.getMethod();
    String path = Request.getPathInContext(request);
    Route route = Route.match(method, path);
    Dialect dialect = route.api().map(ClientApi::dialect).orElse(Dialect.OPENAI_CHAT);
    try {
      RuntimeSnapshot snapshot = gateway.snapshot();
      switch (route.kind()) {
        case HEALTH -> sink.complete(200, "application/json", HEALTHY, Map.of());
        case ROOT -> sink.complete(200, "application/json", ROOT, Map.of());
        case HELLO -> sink.complete(200, "text/plain", new byte[0], Map.of());
        case MODELS -> {
          authenticate(request, snapshot);
          boolean claude =
              request.getHeaders().contains("anthropic-version")
                  || String.valueOf(request.getHeaders().get(HttpHeader.USER_AGENT))
                      .startsWith("claude-cli");
          dialect = claude ? Dialect.CLAUDE : Dialect.OPENAI_CHAT;
          byte[] list = claude ? ModelListing.claude(snapshot) : ModelListing.openAi(snapshot);
          sink.complete(200, "application/json", list, Map.of());
        }
        case GEMINI_MODELS -> {
          dialect = Dialect.GEMINI;
          authenticate(request, snapshot);
          sink.complete(200, "application/json", ModelListing.gemini(snapshot), Map.of());
        }
        case MODEL_CALL -> {
          authenticate(request, snapshot);
          byte[] body = RequestBodies.read(request, snapshot.config().maxBodyBytes());
          sink.watchForHangUp();
          RequestHead head = RequestHead.read(body);
          ClientApi api = route.api().orElseThrow();
          ClientRequest call =
              route.pathModel().isPresent() || api == ClientApi.GEMINI_CLI
                  ? new ClientRequest(
                      api,
                      body,
                      head,
                      route.pathModel().or(head::model),
                      route.pathStream(),
                      clientHeaders(request),
                      trace)
                  : ClientRequest.fromBody(api, body, head, clientHeaders(request), trace);
          gateway.handle(call, sink);
        }
        case COUNT_TOKENS -> {
          authenticate(request, snapshot);
          byte[] body = RequestBodies.read(request, snapshot.config().maxBodyBytes());
          ClientApi api = route.api().orElseThrow();
          if (api == ClientApi.GEMINI) {
            body = GeminiCountRequest.innerRequest(body);
          }
          RequestHead head = RequestHead.read(body);
          ClientRequest call =
              new ClientRequest(
                  api,
                  body,
                  head,
                  route.pathModel().or(head::model),
                  false,
                  clientHeaders(request),
                  trace);
          long tokens = gateway.countTokens(call);
          sink.complete(
              200, "application/json", codecs.of(api.dialect()).encodeTokenCount(tokens), Map.of());
        }
        case WRONG_METHOD ->
            throw new ProxyError(
                    405,
                    ProxyError.Kind.INVALID_REQUEST,
                    "method_not_allowed",
                    method + " is not allowed on " + path + ". " + Route.ENDPOINTS,
                    Optional.empty())
                .toException();
        case UNKNOWN ->
            throw new ProxyError(
                    404,
                    ProxyError.Kind.NOT_FOUND,
                    "unknown_route",
                    "No such endpoint: " + method + " " + path + ". " + Route.ENDPOINTS,
                    Optional.empty())
                .toException();
      }
    } catch (ProxyException e) {
      answer(sink, codecs.of(dialect), e.error());
    } catch (IOException e) {
      sink.hangUp();
    } catch (RuntimeException e) {
      log.error("unexpected failure on {} {}", method, path, e);
      answer(
          sink,
          codecs.of(dialect),
          new ProxyError(
              500,
              ProxyError.Kind.INTERNAL,
              "internal_error",
              "The proxy failed unexpectedly (" + e.getClass().getSimpleName() + "); see its log.",
              Optional.empty()));
    } finally {
      sink.stopWatching();
      logAccess(request, method, sink, trace, started);
      if (sink.hungUp()) {
        callback.failed(new EofException("client hung up"));
      } else {
        callback.succeeded();
      }
    }
    return true;
  }

  private void authenticate(Request request, RuntimeSnapshot snapshot) {
    String queryKey = null;
    if (request.getHttpURI().getQuery() != null) {
      Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      queryKey = query.getValue("key");
    }
    keyCheck.admit(request.getHeaders(), queryKey, snapshot);
  }

  /** Answers an error: as a status and body if nothing was sent yet, else inside the stream. */
  /** The client's headers for providers; client keys are never among them (see ClientKeyCheck). */
  private static ClientHeaders clientHeaders(Request request) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      String name = field.getLowerCaseName();
      if (!CLIENT_KEY_HEADERS.contains(name)) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(field.getValue());
      }
    }
    return new ClientHeaders(byName);
  }

  private static void answer(JettyClientSink sink, DialectCodec codec, ProxyError error) {
    try {
      if (sink.committed()) {
        sink.event(codec.encodeStreamError(error));
        sink.end();
        return;
      }
      Map<String, String> headers =
          error
              .retryAfterSeconds()
              .map(s -> Map.of(HttpHeader.RETRY_AFTER.asString(), Long.toString(s)))
              .orElse(Map.of());
      sink.complete(error.status(), "application/json", codec.encodeError(error), headers);
    } catch (IOException e) {
      sink.hangUp();
    }
  }

  private static void logAccess(
      Request request, String method, JettyClientSink sink, RequestTrace trace, long started) {
    long micros = (System.nanoTime() - started) / 1000;
    String target = request.getHttpURI().getPathQuery();
    access.info(
        "{} {} {} model={} provider={} attempts={} {}.{}ms{}",
        method,
        SecretMask.maskQuery(target),
        sink.hungUp() && sink.status() == 0 ? 499 : sink.status(),
        trace.model(),
        trace.provider(),
        trace.attempts(),
        micros / 1000,
        String.format("%03d", micros % 1000),
        sink.hungUp() ? " client-hung-up" : "");
  }
}
