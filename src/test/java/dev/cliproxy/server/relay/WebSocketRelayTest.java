package dev.cliproxy.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.testing.FakeAmpActor;
import dev.cliproxy.testing.FakeAmpcode;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WebSocketRelay} between a WebSocket client and a fake Amp thread actor. */
class WebSocketRelayTest {
  /** The subprotocol list Amp CLI sends (fixture amp/hi/07-upgrade-refused.json). */
  static final String AMP_PROTOCOLS =
      "rivet, rivet_encoding.bare, rivet_skip_ready_wait, rivet_conn_params.%7B%22wsToken%22%3A%22wstok_fake%22%2C%22clientApplication%22%3A%7B%22type%22%3A%22cli%22%2C%22name%22%3A%22CLI%20Execute%20Mode%22%2C%22version%22%3A%220.0.1790142911-g7618fb%22%7D%2C%22interactiveClient%22%3Afalse%2C%22transport%22%3A%22json-rpc%22%7D";

  static final String ACTOR_PATH =
      "/actors/gateway/threadActor/websocket/?rvt-namespace=default&rvt-method=get&rvt-key=T-c005a13f&rvt-skip-ready-wait=true";

  /** Collects what the relayed WebSocket receives. Public: Jetty calls it by method handles. */
  public static final class Collector implements Session.Listener.AutoDemanding {
    final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<List<Object>> closed = new CompletableFuture<>();

    @Override
    public void onWebSocketText(String message) {
      frames.add(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      byte[] bytes = new byte[payload.remaining()];
      payload.get(bytes);
      frames.add(bytes);
      callback.succeed();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
      pongs.add(payload);
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
      closed.complete(List.of(code, reason == null ? "" : reason));
    }

    Object next() throws InterruptedException {
      return frames.poll(10, TimeUnit.SECONDS);
    }
  }

  @TempDir Path dir;
  RelayFixture relay;
  FakeAmpcode amp;
  WebSocketClient client;

  @BeforeEach
  void start() throws Exception {
    relay = new RelayFixture(dir);
    amp = relay.amp;
    client = new WebSocketClient();
    client.setMaxTextMessageSize(16 << 20);
    client.setMaxBinaryMessageSize(16 << 20);
    client.start();
  }

  @AfterEach
  void stop() throws Exception {
    client.stop();
    relay.close();
  }

  private Session connect(Collector collector) throws Exception {
    ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
    upgrade.setSubProtocols(Arrays.stream(AMP_PROTOCOLS.split(",")).map(String::trim).toList());
    upgrade.setHeader("Authorization", "Bearer fake-amp-key-000");
    upgrade.setHeader("Cookie", "amp_session=abc");
    upgrade.setHeader("X-Amp-Client-Type", "cli");
    upgrade.setHeader("User-Agent", "undici");
    return client
        .connect(collector, URI.create("ws://127.0.0.1:" + relay.port() + ACTOR_PATH), upgrade)
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void theUpstreamIsOpenedWithAmpsHeadersAndSelectsRivetFromItsList() throws Exception {
    Session session = connect(new Collector());
    assertThat(session.getUpgradeResponse().getAcceptedSubProtocol()).isEqualTo("rivet");
    FakeAmpcode.Received upgrade = amp.onlyRequest();
    assertThat(upgrade.target()).isEqualTo(ACTOR_PATH);
    assertThat(String.join(",", upgrade.headerValues("Sec-WebSocket-Protocol")).replace(" ", ""))
        .isEqualTo(AMP_PROTOCOLS.replace(" ", ""));
    assertThat(upgrade.header("Authorization")).isEqualTo("Bearer fake-amp-key-000");
    assertThat(upgrade.header("Cookie")).isEqualTo("amp_session=abc");
    assertThat(upgrade.header("X-Amp-Client-Type")).isEqualTo("cli");
    assertThat(upgrade.header("User-Agent")).isEqualTo("undici");
    assertThat(upgrade.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(upgrade.header("Host")).isEqualTo("127.0.0.1:" + amp.port());
    session.close();
  }

  @Test
  void framesTheUpstreamSentBeforeTheClientWasUpgradedArriveInOrder() throws Exception {
    Collector collector = new Collector();
    connect(collector);
    for (String greeting : FakeAmpActor.GREETINGS) {
      assertThat(collector.next()).isEqualTo(greeting);
    }
  }

  @Test
  void textAndBinaryFramesLargeOnesIncludedAreEchoedThroughTheRelay() throws Exception {
    Collector collector = new Collector();
    Session session = connect(collector);
    skipGreetings(collector);
    session.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}", Callback.NOOP);
    assertThat(collector.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
    String bigText = "x".repeat(100 * 1024) + "end";
    session.sendText(bigText, Callback.NOOP);
    assertThat(collector.next()).isEqualTo(bigText);
    byte[] bigBinary = new byte[200 * 1024];
    new Random(7).nextBytes(bigBinary);
    session.sendBinary(ByteBuffer.wrap(bigBinary), Callback.NOOP);
    assertThat((byte[]) collector.next()).isEqualTo(bigBinary);
    session.sendText("push", Callback.NOOP);
    assertThat(collector.next()).isEqualTo("pushed");
  }

  @Test
  void aPingGoesToTheUpstreamAndItsPongComesBack() throws Exception {
    Collector collector = new Collector();
    Session session = connect(collector);
    skipGreetings(collector);
    session.sendPing(
        ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
    ByteBuffer pong = collector.pongs.poll(10, TimeUnit.SECONDS);
    assertThat(pong).isNotNull();
    assertThat(StandardCharsets.UTF_8.decode(pong).toString()).isEqualTo("are you there");
  }

  @Test
  void theClientsCloseCodeAndReasonReachTheUpstream() throws Exception {
    Collector collector = new Collector();
    Session session = connect(collector);
    skipGreetings(collector);
    session.close(4001, "bye", Callback.NOOP);
    assertThat(amp.nextClose()).isEqualTo(new FakeAmpcode.Closed(4001, "bye"));
    assertThat(collector.closed.get(10, TimeUnit.SECONDS)).containsExactly(4001, "bye");
  }

  @Test
  void theUpstreamsCloseCodeAndReasonReachTheClient() throws Exception {
    Collector collector = new Collector();
    Session session = connect(collector);
    skipGreetings(collector);
    session.sendText("close:4000:thread ended", Callback.NOOP);
    assertThat(collector.closed.get(10, TimeUnit.SECONDS)).containsExactly(4000, "thread ended");
    assertThat(amp.nextClose()).isEqualTo(new FakeAmpcode.Closed(4000, "thread ended"));
  }

  @Test
  void anUpstreamThatDiesMidSessionClosesTheClientWith1011() throws Exception {
    Collector collector = new Collector();
    connect(collector);
    assertThat(collector.next()).isEqualTo(FakeAmpActor.GREETINGS[0]);

    amp.close(); // the upstream's server goes away without a close frame

    List<Object> closed = collector.closed.get(20, TimeUnit.SECONDS);
    assertThat(closed.get(0)).isEqualTo(1011);
  }

  @Test
  void aClientThatVanishesMidSessionClosesTheUpstreamWith1001() throws Exception {
    Collector collector = new Collector();
    Session session = connect(collector);
    assertThat(collector.next()).isEqualTo(FakeAmpActor.GREETINGS[0]);

    session.disconnect(); // the client's connection drops without a close frame

    FakeAmpcode.Closed closed = amp.nextClose();
    assertThat(closed).isNotNull();
    assertThat(closed.code()).isEqualTo(1001);
  }

  @Test
  void aRefusedUpgradeReachesTheClientAsThatStatusWithItsBody() throws Exception {
    for (int status : List.of(401, 404, 503)) {
      amp.refuseUpgradesWith(status);
      assertThatThrownBy(() -> connect(new Collector()))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              UpgradeException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(status));
      try (RawHttp raw = new RawHttp(relay.port())) {
        RawHttp.Answer answer =
            raw.send("GET " + ACTOR_PATH + " HTTP/1.1", upgradeHeaders(), new byte[0]).answer();
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Upgrade")).isNull();
        assertThat(answer.bodyText())
            .isEqualTo("{\"error\":\"refused by the fake\",\"status\":" + status + "}");
      }
    }
  }

  @Test
  void anUnreachableUpstreamIsA502WithTheCallersBody() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    relay.module.policy(e ->
        RelayRequest.unchanged(
            URI.create("http://127.0.0.1:" + closed), e, RelayModule.UNREACHABLE));
    try (RawHttp raw = new RawHttp(relay.port())) {
      RawHttp.Answer answer =
          raw.send("GET " + ACTOR_PATH + " HTTP/1.1", upgradeHeaders(), new byte[0]).answer();
      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.body()).isEqualTo(RelayModule.UNREACHABLE);
    }
  }

  @Test
  void aPlainRequestToAWebSocketRouteIs426AndNeverReachesTheUpstream() throws Exception {
    try (RawHttp raw = new RawHttp(relay.port())) {
      assertThat(
              raw.send("GET " + ACTOR_PATH + " HTTP/1.1", List.of(), new byte[0]).answer().status())
          .isEqualTo(426);
    }
    assertThat(amp.received()).isEmpty();
  }

  @Test
  void closingTheRelayLeavesItsHttpClientRunning() throws Exception {
    WebSocketRelay other = new WebSocketRelay(relay.client);
    other.close();
    assertThat(relay.client.isRunning()).isTrue();
  }

  private static List<String> upgradeHeaders() {
    return List.of(
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Protocol: " + AMP_PROTOCOLS);
  }

  private static void skipGreetings(Collector collector) throws InterruptedException {
    for (String greeting : FakeAmpActor.GREETINGS) {
      assertThat(collector.next()).isEqualTo(greeting);
    }
  }
}
