package dev.cliproxy.testing;

import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty server on a free 127.0.0.1 port with virtual threads, answering every request with one
 * blocking method: the transport under the fake upstreams.
 */
public final class LoopbackJetty implements AutoCloseable {

  /** Answers one request, blocking; a thrown exception fails the exchange. */
  @FunctionalInterface
  public interface Serve {
    void serve(Request request, Response response) throws Exception;
  }

  private final Server server;

  private LoopbackJetty(Server server) {
    this.server = server;
  }

  /** Starts serving; {@code name} names the threads. */
  public static LoopbackJetty start(String name, Serve serve) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    threads.setName(name);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            try {
              serve.serve(request, response);
              callback.succeeded();
            } catch (Exception e) {
              callback.failed(e);
            }
            return true;
          }
        });
    server.start();
    return new LoopbackJetty(server);
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String origin() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
