package dev.cliproxy.auth.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-shot HTTP server on 127.0.0.1 that receives the provider's redirect ({@code GET
 * <path>?code=…&state=…} or {@code ?error=…}), shows the browser a small page, and hands the first
 * result to {@link #await}.
 *
 * <p>The state is not checked here: the caller compares {@link CallbackResult.Code#state()} with
 * its {@link OAuthState}, so a mismatch is reported in the same place for browser and pasted
 * callbacks.
 */
public final class LoopbackCallbackServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final String path;
  private final String providerName;
  private final CompletableFuture<CallbackResult> result = new CompletableFuture<>();
  private volatile OAuthState expectedState;

  private LoopbackCallbackServer(
      HttpServer server, ExecutorService executor, String path, String providerName) {
    this.server = server;
    this.executor = executor;
    this.path = path;
    this.providerName = providerName;
  }

  /**
   * Starts listening on 127.0.0.1:{@code port} (0 picks a free port) for redirects to {@code path},
   * for example {@code start(1455, "/auth/callback", "Codex")}.
   *
   * @throws CallbackPortBusyException when the port is taken, with a message saying what to do
   */
  public static LoopbackCallbackServer start(int port, String path, String providerName)
      throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("callback port must be 0 to 65535, got " + port);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("callback path must start with '/', got " + path);
    }
    Objects.requireNonNull(providerName, "providerName");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
    } catch (BindException e) {
      throw new CallbackPortBusyException(port, e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    LoopbackCallbackServer callback =
        new LoopbackCallbackServer(server, executor, path, providerName);
    server.createContext("/", callback::handle);
    server.start();
    return callback;
  }

  /** The port actually listened on (useful when started with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The address this server answers, for example {@code http://127.0.0.1:1455/auth/callback}. */
  public URI callbackUri() {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /**
   * Waits up to {@code timeout} for the first redirect; later redirects are answered but ignored.
   */
  public CallbackResult await(Duration timeout) throws InterruptedException {
    try {
      return result.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new CallbackResult.TimedOut();
    } catch (ExecutionException e) {
      throw new IllegalStateException("callback result failed", e.getCause());
    }
  }

  /**
   * Stops listening at once. A pending {@link #await} without a result returns {@link
   * CallbackResult.TimedOut}, so closing from another thread (Ctrl-C) ends the wait.
   */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    result.complete(new CallbackResult.TimedOut());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      if (!path.equals(uri.getPath())) {
        send(exchange, 404, "text/plain; charset=utf-8", "Not found");
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed");
        return;
      }
      Optional<CallbackResult> received =
          CallbackQuery.result(CallbackQuery.parameters(uri.getRawQuery()));
      if (received.isEmpty()) {
        send(
            exchange,
            400,
            HTML,
            CallbackPage.error(providerName, "The redirect carried no authorization code.", ""));
        return;
      }
      switch (received.get()) {
        case CallbackResult.Code code -> {
          OAuthState expected = expectedState;
          if (expected == null || expected.matches(stateOf(code))) {
            send(exchange, 200, HTML, CallbackPage.success(providerName));
          } else {
            send(
                exchange,
                400,
                HTML,
                CallbackPage.error(
                    providerName,
                    "This sign-in does not belong to the login running in your terminal.",
                    "Start the login again and finish it in the tab it opens."));
          }
        }
        case CallbackResult.Denied denied ->
            send(
                exchange,
                400,
                HTML,
                CallbackPage.error(providerName, denied.error(), denied.description()));
        case CallbackResult.TimedOut timedOut ->
            throw new IllegalStateException("not from a query");
      }
      // Completed after the page is sent, so the browser has its answer before the caller may
      // close.
      result.complete(received.get());
    }
  }

  private static final String HTML = "text/html; charset=utf-8";

  /**
   * Makes the browser page tell a redirect with another state apart from a success (the caller
   * still decides; the result is handed over either way).
   */
  public void expectState(OAuthState state) {
    expectedState = state;
  }

  /** The returned state: the parameter, or the part after '#' of a {@code code#state} code. */
  static String stateOf(CallbackResult.Code code) {
    int hash = code.code().indexOf('#');
    return code.state().isEmpty() && hash >= 0 ? code.code().substring(hash + 1) : code.state();
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
