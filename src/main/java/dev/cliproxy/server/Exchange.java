package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.gateway.ClientSink;
import dev.cliproxy.gateway.RequestTrace;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.provider.ClientHeaders;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * One request on its way through a module's endpoint: the Jetty request and response, the runtime
 * snapshot read once when the request arrived (its config, providers and client keys), the params
 * of the matched path, and where the answer goes.
 */
public final class Exchange {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final JettyClientSink sink;
  private final RuntimeSnapshot snapshot;
  private final Map<String, String> params;
  private final RequestTrace trace = new RequestTrace();
  private final ServerWebSocketContainer webSockets;
  private Dialect dialect;
  private byte[] body;
  private boolean bodyRefused;
  private boolean upgraded;
  private Optional<String> clientKey = Optional.empty();

  Exchange(
      Request request,
      Response response,
      Callback callback,
      RuntimeSnapshot snapshot,
      Map<String, String> params,
      Dialect dialect,
      ServerWebSocketContainer webSockets) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.sink = new JettyClientSink(request, response);
    this.snapshot = snapshot;
    this.params = Map.copyOf(params);
    this.dialect = dialect;
    this.webSockets = webSockets;
  }

  /** The Jetty request: headers, peer address, and the body for endpoints that stream it on. */
  public Request request() {
    return request;
  }

  /**
   * The Jetty response, for endpoints that relay another server's answer as it comes (status,
   * headers, streamed body); everything else answers through {@link #sink()}.
   */
  public Response response() {
    return response;
  }

  public String method() {
    return request.getMethod();
  }

  /** The decoded path. */
  public String path() {
    return Request.getPathInContext(request);
  }

  /**
   * A param of the matched path pattern.
   *
   * @throws IllegalArgumentException when the pattern has no such param
   */
  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the matched path pattern has no param {" + name + "}");
    }
    return value;
  }

  public Map<String, String> params() {
    return params;
  }

  /** A query parameter's first value, or null. */
  public String queryParameter(String name) {
    if (request.getHttpURI().getQuery() == null) {
      return null;
    }
    return Request.extractQueryParameters(request, StandardCharsets.UTF_8).getValue(name);
  }

  /** The raw (still percent-encoded) query string, or null when the request has none. */
  public String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  /** The raw (still percent-encoded) path, as it travels on to another server. */
  public String rawPath() {
    return request.getHttpURI().getPath();
  }

  /** A request header's first value, or null. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /** Every value of a request header, in order (empty when absent). */
  public List<String> headerValues(String name) {
    return request.getHeaders().getValuesList(name);
  }

  /**
   * The TCP peer: the address the connection really comes from, never what a header such as {@code
   * X-Forwarded-For} claims; null when the transport has no IP address (a Unix socket).
   */
  public InetSocketAddress peer() {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet : null;
  }

  /** The snapshot this request reads from start to end. */
  public RuntimeSnapshot snapshot() {
    return snapshot;
  }

  /**
   * The fingerprint of the client key that admitted this request ({@link ClientKeyCheck}); empty
   * when its endpoint checks no key or the config asks for none.
   */
  public Optional<String> clientKey() {
    return clientKey;
  }

  void admittedWith(String fingerprint) {
    clientKey = Optional.of(fingerprint);
  }

  /** Where the answer goes, as the gateway writes it. */
  public ClientSink sink() {
    return sink;
  }

  /** What the gateway did with the request, for the access log line. */
  public RequestTrace trace() {
    return trace;
  }

  /**
   * The request body, read once and at most the config's {@code max-body-size-mb}. A refused body
   * is not read on; its answer closes the connection ({@code Connection: close}).
   *
   * @throws dev.cliproxy.dialect.ProxyException 413 for a larger body, 400 for an unreadable one
   */
  public byte[] body() {
    if (body == null) {
      try {
        body = RequestBodies.read(request, snapshot.config().maxBodyBytes());
      } catch (ProxyException refused) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        bodyRefused = true;
        throw refused;
      }
    }
    return body;
  }

  /**
   * Starts noticing a client hang-up while nothing is written (see {@link HangUpWatch}); call once
   * the body has been read.
   */
  public void watchForHangUp() {
    sink.watchForHangUp();
  }

  /**
   * Ends the hang-up watch of {@link #watchForHangUp()}; an endpoint writing to {@link #response()}
   * itself calls it before its last write, because from then on the client may send its next
   * request on the connection. Idempotent.
   */
  public void stopWatchingForHangUp() {
    sink.stopWatching();
  }

  /** The client's headers as providers may see them: without the client's keys and cookies. */
  public ClientHeaders providerHeaders() {
    return ProviderHeaders.of(request);
  }

  /** Answers this request's errors in {@code dialect} from now on. */
  public void answerErrorsIn(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The dialect errors are answered in. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Takes the connection over as a WebSocket whose endpoint {@code creator} makes (a Jetty {@code
   * Session.Listener}), if this is a WebSocket upgrade request. Returns false, with nothing sent,
   * when it is not one; after true the server sends nothing more on this exchange. The listener
   * class must be public: Jetty calls it through method handles, and an endpoint it cannot use
   * fails the upgrade with a 500.
   */
  public boolean upgrade(WebSocketCreator creator) {
    upgraded = webSockets.upgrade(creator, request, response, callback);
    return upgraded;
  }

  /**
   * Whether the request may still have body bytes nobody read: {@link #body()} refused it (too
   * large), or the endpoint answered without asking for it (a setup call that ignores its body, a
   * refusal before the body mattered). Read to its end, such a body no longer cuts the connection
   * under the answer, which a client still sending would otherwise never see.
   */
  boolean bodyLeftUnread() {
    if (bodyRefused) {
      return true;
    }
    long length = request.getLength(); // -1 when not declared: chunked, or no body at all
    return body == null
        && (length > 0
            || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)));
  }

  boolean upgraded() {
    return upgraded;
  }

  JettyClientSink jettySink() {
    return sink;
  }
}
