package dev.cliproxy.server;

import dev.cliproxy.config.Config;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.RuntimeSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The Jetty server: one connector (HTTP or HTTPS), every request on a virtual thread, served by the
 * modules' routes in the order the modules are given. Jetty's own error answers are JSON too
 * ({@link JsonErrorPages}).
 */
public final class ProxyServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private ProxyServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts listening on the config's host and port (port 0 picks a free one, for tests).
   *
   * @param snapshots where each request reads its runtime snapshot, once, when it arrives
   * @param codecs the dialects' codecs, for error answers
   * @param modules the modules whose routes are served, first match wins
   * @throws Exception when the port is taken or TLS files cannot be loaded
   */
  public static ProxyServer start(
      Config config, Supplier<RuntimeSnapshot> snapshots, Codecs codecs, ServerModule... modules)
      throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);

    ServerConnector connector;
    if (config.tls().enable()) {
      http.addCustomizer(new SecureRequestCustomizer(false));
      SslContextFactory.Server ssl = PemKeyStores.sslContextFactory(config.tls());
      connector =
          new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), httpFactory);
    } else {
      connector = new ServerConnector(server, httpFactory);
    }
    connector.setHost(config.bindHost());
    connector.setPort(config.port());
    // Long quiet periods are normal (a model thinking before its first token).
    connector.setIdleTimeout(30 * 60_000L);
    server.addConnector(connector);
    ServerWebSocketContainer webSockets = ServerWebSocketContainer.ensure(server);
    FrontDoor frontDoor = new FrontDoor(List.of(modules), snapshots, codecs, webSockets);
    server.setHandler(frontDoor);
    server.setErrorHandler(new JsonErrorPages(frontDoor::dialectOf, codecs));
    server.start();
    return new ProxyServer(server, connector);
  }

  /** The port actually bound. */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * Stops accepting connections and stops the server, letting requests in flight finish for up to
   * {@code grace}.
   */
  public void stop(Duration grace) throws Exception {
    server.setStopTimeout(grace.toMillis());
    server.stop();
  }

  /** Stops at once, cutting requests in flight. */
  @Override
  public void close() throws Exception {
    stop(Duration.ZERO);
  }
}
