package dev.cliproxy.server;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.ErrorReply;
import dev.cliproxy.gateway.RuntimeSnapshot;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front door: reads the runtime snapshot once per request, hands the request to the first
 * module route that matches its method and path, answers 404 and 405 itself, answers every failure
 * in the client's dialect, and writes one access-log line per request. Runs each request on its own
 * virtual thread.
 */
final class FrontDoor extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);

  private final PathTable<Endpoint> routes;
  private final String endpoints;
  private final Supplier<RuntimeSnapshot> snapshots;
  private final Codecs codecs;
  private final ServerWebSocketContainer webSockets;

  FrontDoor(
      List<ServerModule> modules,
      Supplier<RuntimeSnapshot> snapshots,
      Codecs codecs,
      ServerWebSocketContainer webSockets) {
    super(InvocationType.BLOCKING);
    this.routes = PathTable.concat(modules.stream().map(ServerModule::routes).toList());
    this.endpoints =
        modules.stream()
            .map(ServerModule::endpoints)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.joining(" "));
    this.snapshots = snapshots;
    this.codecs = codecs;
    this.webSockets = webSockets;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    String method = request.getMethod();
    String path = Request.getPathInContext(request);
    Target target = target(method, path);
    Exchange exchange =
        new Exchange(
            request,
            response,
            callback,
            snapshots.get(),
            target.params(),
            target.dialect(),
            webSockets);
    JettyClientSink sink = exchange.jettySink();
    try {
      target.endpoint().serve(exchange);
    } catch (ProxyException e) {
      answer(exchange, e.error());
    } catch (IOException e) {
      sink.hangUp();
    } catch (RuntimeException e) {
      log.error("unexpected failure on {} {}", method, path, e);
      answer(
          exchange,
          new ProxyError(
              500,
              ProxyError.Kind.INTERNAL,
              "internal_error",
              "The proxy failed unexpectedly (" + e.getClass().getSimpleName() + "); see its log.",
              Optional.empty()));
    } finally {
      sink.stopWatching();
      AccessLog.write(exchange, status(exchange), started);
      if (exchange.upgraded()) {
        // the WebSocket upgrade owns the callback now
      } else if (sink.hungUp()) {
        callback.failed(new EofException("client hung up"));
      } else {
        if (exchange.bodyLeftUnread()) {
          RequestBodies.discardRest(request); // the answer is out; let the client finish sending
        }
        callback.succeeded();
      }
    }
    return true;
  }

  /**
   * The dialect errors on {@code path} are answered in: its route's (for any method), else
   * OpenAI's.
   */
  Dialect dialectOf(String path) {
    return switch (routes.lookup("POST", path)) {
      case PathTable.Lookup.Found<Endpoint> found -> found.entry().dialect();
      case PathTable.Lookup.WrongMethod<Endpoint> wrong -> wrong.entry().dialect();
      case PathTable.Lookup.NotFound<Endpoint> none -> target("GET", path).dialect();
    };
  }

  /** What serves a request: a module's endpoint, or this door's own 404 or 405. */
  private record Target(Endpoint endpoint, Dialect dialect, Map<String, String> params) {}

  private Target target(String method, String path) {
    return switch (routes.lookup(method, path)) {
      case PathTable.Lookup.Found<Endpoint> found ->
          new Target(found.entry().target(), found.entry().dialect(), found.params());
      case PathTable.Lookup.WrongMethod<Endpoint> wrong ->
          new Target(this::wrongMethod, wrong.entry().dialect(), wrong.params());
      case PathTable.Lookup.NotFound<Endpoint> none ->
          new Target(this::notFound, Dialect.OPENAI_CHAT, Map.of());
    };
  }

  private void wrongMethod(Exchange exchange) {
    throw new ProxyError(
            405,
            ProxyError.Kind.INVALID_REQUEST,
            "method_not_allowed",
            exchange.method() + " is not allowed on " + exchange.path() + ". " + endpoints,
            Optional.empty())
        .toException();
  }

  private void notFound(Exchange exchange) {
    throw new ProxyError(
            404,
            ProxyError.Kind.NOT_FOUND,
            "unknown_route",
            "No such endpoint: " + exchange.method() + " " + exchange.path() + ". " + endpoints,
            Optional.empty())
        .toException();
  }

  /** Answers an error: as a status and body if nothing was sent yet, else inside the stream. */
  private void answer(Exchange exchange, ProxyError error) {
    JettyClientSink sink = exchange.jettySink();
    if (exchange.upgraded()) {
      log.warn(
          "{} {} failed after its WebSocket upgrade: {}",
          exchange.method(),
          exchange.path(),
          error.message());
    } else if (!sink.committed() && exchange.response().isCommitted()) {
      sink.hangUp(); // a relayed answer is half sent; cutting it is the only honest end
    } else {
      ErrorReply.send(sink, codecs.of(exchange.dialect()), error);
    }
  }

  /** The status the client got: from the sink, or from a relayed or upgraded response. */
  private static int status(Exchange exchange) {
    int status = exchange.jettySink().status();
    if (status == 0 && (exchange.upgraded() || exchange.response().isCommitted())) {
      return exchange.response().getStatus();
    }
    return status;
  }
}
