package dev.cliproxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * A strict fake of ampcode.com on 127.0.0.1: HTTP answers scripted per path ({@link AmpAnswer}; an
 * unscripted path is a 404 and counted as unexpected), and Amp's thread-actor WebSocket under
 * {@code /actors/*} ({@link FakeAmpActor}). It records every request it gets, upgrades included,
 * with its raw target, header names as sent, and body bytes.
 */
public final class FakeAmpcode implements AutoCloseable {

  /** One request as the fake saw it. */
  public record Received(
      String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

    /** The first value of a header (any case), or null. */
    public String header(String name) {
      List<String> values = headerValues(name);
      return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a header (any case), in order. */
    public List<String> headerValues(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .toList();
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A close frame the fake's WebSocket received. */
  public record Closed(int code, String reason) {}

  private final Server server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AmpAnswer> answers = new ConcurrentHashMap<>();
  private final List<String> unexpected = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Closed> closes = new LinkedBlockingQueue<>();
  private final AtomicInteger hangUps = new AtomicInteger();
  private final CountDownLatch hungUp = new CountDownLatch(1);
  private volatile int refuseUpgradesWith;

  private FakeAmpcode() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    threads.setName("fake-ampcode");
    server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServerWebSocketContainer webSockets = ServerWebSocketContainer.ensure(server);
    server.setHandler(
        new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            try {
              serve(webSockets, request, response, callback);
            } catch (Exception e) {
              callback.failed(e);
            }
            return true;
          }
        });
    server.start();
  }

  public static FakeAmpcode start() throws Exception {
    return new FakeAmpcode();
  }

  /** {@code http://127.0.0.1:<port>}: the upstream URL to relay to. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Answers requests for {@code path} (without query) with {@code answer} from now on. */
  public FakeAmpcode answer(String path, AmpAnswer answer) {
    answers.put(path, answer);
    return this;
  }

  /** Refuses WebSocket upgrades with this status (0: accept them again). */
  public void refuseUpgradesWith(int status) {
    refuseUpgradesWith = status;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The only request received so far. */
  public Received onlyRequest() {
    if (received.size() != 1) {
      throw new AssertionError("expected one request, got " + received.size() + ": " + received);
    }
    return received.get(0);
  }

  /** Requests to paths nothing was scripted for. */
  public List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  /** The next close frame the WebSocket endpoint received, waiting up to 10 s (null if none). */
  public Closed nextClose() throws InterruptedException {
    return closes.poll(10, TimeUnit.SECONDS);
  }

  /** Waits up to 10 s for an endless answer's caller to go away. */
  public boolean awaitHangUp() throws InterruptedException {
    return hungUp.await(10, TimeUnit.SECONDS);
  }

  void closed(int code, String reason) {
    closes.add(new Closed(code, reason));
  }

  private void serve(
      ServerWebSocketContainer webSockets, Request request, Response response, Callback callback)
      throws Exception {
    String path = Request.getPathInContext(request);
    String query = request.getHttpURI().getQuery();
    List<Map.Entry<String, String>> headers =
        request.getHeaders().stream().map(f -> Map.entry(f.getName(), f.getValue())).toList();
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readAllBytes();
    }
    received.add(
        new Received(
            request.getMethod(), path + (query == null ? "" : "?" + query), headers, body));
    if (path.startsWith("/actors/")) {
      upgrade(webSockets, request, response, callback);
      return;
    }
    AmpAnswer answer = answers.get(path);
    if (answer == null) {
      unexpected.add(request.getMethod() + " " + path);
      answer = AmpAnswer.json(404, "{\"error\":\"the fake has no answer for " + path + "\"}");
    }
    write(answer, response);
    callback.succeeded();
  }

  private void upgrade(
      ServerWebSocketContainer webSockets, Request request, Response response, Callback callback)
      throws IOException {
    int refusal = refuseUpgradesWith;
    if (refusal > 0) {
      write(
          AmpAnswer.json(refusal, "{\"error\":\"refused by the fake\",\"status\":" + refusal + "}"),
          response);
      callback.succeeded();
      return;
    }
    boolean upgraded =
        webSockets.upgrade(
            (rq, rs, cb) -> {
              if (rq.getSubProtocols().contains("rivet")) {
                rs.setAcceptedSubProtocol("rivet");
              }
              return new FakeAmpActor(this);
            },
            request,
            response,
            callback);
    if (!upgraded) {
      write(AmpAnswer.json(426, "{\"error\":\"upgrade required\"}"), response);
      callback.succeeded();
    }
  }

  private void write(AmpAnswer answer, Response response) throws IOException {
    response.setStatus(answer.status());
    answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    if (!answer.chunked()) {
      byte[] body = answer.pieces().get(0);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      send(response, true, body);
      return;
    }
    if (answer.endless()) {
      endless(response, answer.pieces().get(0));
      return;
    }
    for (int i = 0; i < answer.pieces().size(); i++) {
      send(response, false, answer.pieces().get(i));
      if (i == 0 && answer.gate() != null) {
        await(answer.gate());
      }
    }
    send(response, true, new byte[0]);
  }

  private void endless(Response response, byte[] piece) throws IOException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      while (System.nanoTime() < until) {
        send(response, false, piece);
        Thread.sleep(20);
      }
    } catch (IOException e) {
      hangUps.incrementAndGet();
      hungUp.countDown();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    send(response, true, new byte[0]);
  }

  private static void await(CountDownLatch gate) {
    try {
      gate.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(Response response, boolean last, byte[] bytes) throws IOException {
    try (Blocker.Callback callback = Blocker.callback()) {
      response.write(last, ByteBuffer.wrap(bytes), callback);
      callback.block();
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
