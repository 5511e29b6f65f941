package dev.cliproxy.server.relay;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.testing.FakeAmpcode;
import dev.cliproxy.testing.ProvidersProxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.LoggerFactory;

/**
 * The proxy with a {@link RelayModule} in front of a {@link FakeAmpcode}, relaying through the
 * gateway's own outbound client, as the Amp module will.
 */
final class RelayFixture implements AutoCloseable {
  final FakeAmpcode amp;
  final UpstreamClients clients;
  final HttpClient client;
  final WebSocketRelay webSockets;
  final RelayModule module;
  final ProvidersProxy proxy;

  /** What the server side logs while the fixture runs. */
  final ListAppender<ILoggingEvent> serverLogs = new ListAppender<>();

  private final Logger serverLogger = (Logger) LoggerFactory.getLogger("dev.cliproxy.server");

  RelayFixture(Path dir) throws Exception {
    serverLogs.start();
    serverLogger.addAppender(serverLogs);
    amp = FakeAmpcode.start();
    clients = new UpstreamClients();
    client = clients.forProxy(Optional.empty());
    webSockets = new WebSocketRelay(client);
    module = new RelayModule(new HttpRelay(client), webSockets, URI.create(amp.url()));
    proxy = ProvidersProxy.withModules(dir, "", module);
  }

  int port() {
    return proxy.port();
  }

  @Override
  public void close() throws Exception {
    serverLogger.detachAppender(serverLogs);
    proxy.close();
    webSockets.close();
    clients.close();
    amp.close();
  }
}
