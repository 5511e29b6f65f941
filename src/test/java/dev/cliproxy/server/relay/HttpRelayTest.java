package dev.cliproxy.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.cliproxy.testing.AmpAnswer;
import dev.cliproxy.testing.FakeAmpcode;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpRelay} between a client and a fake ampcode.com: the A4 reverse-proxy contract. */
class HttpRelayTest {
  @TempDir Path dir;
  RelayFixture relay;
  FakeAmpcode amp;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    relay = new RelayFixture(dir);
    amp = relay.amp;
  }

  @AfterEach
  void stop() throws Exception {
    relay.close();
  }

  @Test
  void theUpstreamsBasePathAndQueryComeFirstJoinedByOneSlashAndAnAmpersand() throws Exception {
    amp.answer("/base/api/user/x", AmpAnswer.json(200, "{}"));
    for (String base : List.of("/base", "/base/")) {
      relay.module.policy(e ->
          new RelayRequest(
              URI.create(amp.url() + base + "?team=1"),
              e.rawPath(),
              Optional.ofNullable(e.rawQuery()),
              Set.of(),
              Map.of(),
              Optional.empty(),
              RelayModule.UNREACHABLE));
      assertThat(get("/api/user/x?a=1&b=%20c%2F").statusCode()).isEqualTo(200);
    }
    assertThat(amp.received())
        .extracting(FakeAmpcode.Received::target)
        .containsExactly(
            "/base/api/user/x?team=1&a=1&b=%20c%2F", "/base/api/user/x?team=1&a=1&b=%20c%2F");
  }

  @Test
  void theNextRequestOnAKeptAliveConnectionArrivesWholeAfterAContentLengthAnswer()
      throws Exception {
    amp.answer("/api/thread-actors", AmpAnswer.json(200, "{\"ok\":true}"));
    byte[] body = "{\"thread\":\"T-1\"}".getBytes(StandardCharsets.UTF_8);
    int requests = 100;
    try (RawHttp raw = new RawHttp(relay.port())) {
      for (int i = 0; i < requests; i++) {
        RawHttp.Answer answer =
            raw.send("POST /api/thread-actors HTTP/1.1", List.of(), body).answer();
        assertThat(answer.status()).as("request " + i).isEqualTo(200);
      }
    }
    // the client sends each request the moment it has the last byte of the answer before it
    assertThat(amp.received()).hasSize(requests).allMatch(r -> r.method().equals("POST"));
  }

  @Test
  void aPlainUpstreamKeepsThePathAndQueryAsSent() throws Exception {
    amp.answer("/api/internal", AmpAnswer.json(200, "{\"ok\":true}"));
    HttpResponse<String> answer = get("/api/internal?getUserInfo");
    assertThat(answer.body()).isEqualTo("{\"ok\":true}");
    assertThat(amp.onlyRequest().target()).isEqualTo("/api/internal?getUserInfo");
  }

  @Test
  void hopByHopHeadersStayOnTheirHopAndEverythingElsePassesUntouched() throws Exception {
    amp.answer(
        "/api/threads",
        AmpAnswer.json(200, "{}")
            .withHeader("Connection", "X-Upstream-Hop")
            .withHeader("X-Upstream-Hop", "hop")
            .withHeader("Proxy-Authenticate", "Basic realm=up")
            .withHeader("X-End-To-End", "kept")
            .withHeader("Access-Control-Allow-Origin", "https://ampcode.com"));
    RawHttp.Answer answer;
    try (RawHttp raw = new RawHttp(relay.port())) {
      answer =
          raw.send(
                  "POST /api/threads?x=1 HTTP/1.1",
                  List.of(
                      "Connection: keep-alive, X-Client-Hop",
                      "X-Client-Hop: secret-hop",
                      "Keep-Alive: timeout=5",
                      "Proxy-Connection: keep-alive",
                      "Proxy-Authorization: Basic cHJveHk6cGFzcw==",
                      "TE: trailers, deflate",
                      "Trailer: X-Checksum",
                      "Authorization: Bearer amp-key",
                      "Cookie: session=abc; other=1",
                      "Origin: http://localhost:3000",
                      "Anthropic-Beta: tools-2024",
                      "X-Amp-Client-Type: cli",
                      "X-Forwarded-For: 10.1.2.3",
                      "Content-Type: application/json"),
                  "{\"hi\":1}".getBytes(StandardCharsets.UTF_8))
              .answer();
    }
    FakeAmpcode.Received got = amp.onlyRequest();
    assertThat(got.header("Host")).isEqualTo("127.0.0.1:" + amp.port());
    for (String hop :
        List.of(
            "X-Client-Hop",
            "Keep-Alive",
            "Proxy-Connection",
            "Proxy-Authorization",
            "Trailer",
            "Transfer-Encoding")) {
      assertThat(got.header(hop)).as(hop).isNull();
    }
    assertThat(got.header("Connection")).isNotEqualTo("keep-alive, X-Client-Hop");
    assertThat(got.header("TE")).isEqualTo("trailers");
    assertThat(got.header("Authorization")).isEqualTo("Bearer amp-key");
    assertThat(got.header("Cookie")).isEqualTo("session=abc; other=1");
    assertThat(got.header("Origin")).isEqualTo("http://localhost:3000");
    assertThat(got.header("Anthropic-Beta")).isEqualTo("tools-2024");
    assertThat(got.header("X-Amp-Client-Type")).isEqualTo("cli");
    assertThat(got.header("X-Forwarded-For")).isEqualTo("10.1.2.3, 127.0.0.1");
    assertThat(got.header("User-Agent")).as("no user agent added").isNull();
    assertThat(got.header("Accept-Encoding")).as("no Accept-Encoding added").isNull();
    assertThat(got.bodyText()).isEqualTo("{\"hi\":1}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("X-Upstream-Hop")).isNull();
    assertThat(answer.header("Proxy-Authenticate")).isNull();
    assertThat(answer.header("X-End-To-End")).isEqualTo("kept");
    assertThat(answer.header("Access-Control-Allow-Origin"))
        .as("the upstream's CORS headers pass, the relay adds none")
        .isEqualTo("https://ampcode.com");
    assertThat(answer.header("Access-Control-Allow-Methods")).isNull();
  }

  @Test
  void theClientsUserAgentAndAcceptEncodingGoOnAsSent() throws Exception {
    amp.answer("/api/user", AmpAnswer.json(200, "{}"));
    try (RawHttp raw = new RawHttp(relay.port())) {
      raw.send(
              "GET /api/user HTTP/1.1",
              List.of("User-Agent: Bun/1.4.1", "Accept-Encoding: gzip, deflate, br, zstd"),
              new byte[0])
          .answer();
    }
    assertThat(amp.onlyRequest().header("User-Agent")).isEqualTo("Bun/1.4.1");
    assertThat(amp.onlyRequest().headerValues("Accept-Encoding"))
        .containsExactly("gzip, deflate, br, zstd");
  }

  @Test
  void thePolicysRemovalsAndReplacementsApply() throws Exception {
    amp.answer("/api/user", AmpAnswer.json(200, "{}"));
    relay.module.policy(e ->
        new RelayRequest(
            URI.create(amp.url()),
            e.rawPath(),
            Optional.empty(),
            Set.of("X-Api-Key", "x-goog-api-key"),
            Map.of("Authorization", "Bearer upstream-key", "X-Added", "yes"),
            Optional.empty(),
            RelayModule.UNREACHABLE));
    get(
        "/api/user?key=client-key",
        "Authorization",
        "Bearer client-key",
        "X-Api-Key",
        "client-key",
        "x-goog-api-key",
        "client-key",
        "X-Amp-Thread",
        "T-1");
    FakeAmpcode.Received got = amp.onlyRequest();
    assertThat(got.target()).isEqualTo("/api/user");
    assertThat(got.headerValues("Authorization")).containsExactly("Bearer upstream-key");
    assertThat(got.header("X-Api-Key")).isNull();
    assertThat(got.header("X-Goog-Api-Key")).isNull();
    assertThat(got.header("X-Added")).isEqualTo("yes");
    assertThat(got.header("X-Amp-Thread")).isEqualTo("T-1");
  }

  @Test
  void bodyBytesTheCallerReadReplaceTheStreamWhichElseFlowsAsSent() throws Exception {
    amp.answer("/api/telemetry", AmpAnswer.json(200, "{}"));
    byte[] big = new byte[300_000];
    Arrays.fill(big, (byte) 'x');
    http.send(
        HttpRequest.newBuilder(uri("/api/telemetry"))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    relay.module.policy(e ->
        new RelayRequest(
            URI.create(amp.url()),
            e.rawPath(),
            Optional.empty(),
            Set.of(),
            Map.of(),
            Optional.of(
                ("{\"rewritten\":" + e.body().length + "}").getBytes(StandardCharsets.UTF_8)),
            RelayModule.UNREACHABLE));
    post("/api/telemetry", "{\"original\":true}");
    relay.module.policy(
        e -> RelayRequest.unchanged(URI.create(amp.url()), e, RelayModule.UNREACHABLE));
    post("/api/telemetry", "");

    List<FakeAmpcode.Received> got = amp.received();
    assertThat(got.get(0).body()).as("a chunked body streams through").isEqualTo(big);
    assertThat(got.get(1).bodyText()).isEqualTo("{\"rewritten\":17}");
    assertThat(got.get(1).header("Content-Length")).isEqualTo("16");
    assertThat(got.get(2).body()).isEmpty();
    assertThat(got.get(2).header("Content-Length"))
        .as("an empty body is sent as none (a POST says so with 0)")
        .isIn(null, "0");
    assertThat(got.get(2).header("Transfer-Encoding")).isNull();
  }

  @Test
  void statusHeadersAndBodyOfEveryAnswerPassThrough() throws Exception {
    amp.answer(
        "/api/teapot", AmpAnswer.json(418, "{\"short\":\"stout\"}").withHeader("X-Kind", "tea"));
    amp.answer(
        "/api/busy", AmpAnswer.json(503, "{\"error\":\"busy\"}").withHeader("Retry-After", "7"));
    amp.answer(
        "/api/auth/cli-login",
        AmpAnswer.of(401, "text/plain", "log in".getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> teapot = get("/api/teapot");
    assertThat(teapot.statusCode()).isEqualTo(418);
    assertThat(teapot.headers().firstValue("X-Kind")).hasValue("tea");
    assertThat(teapot.body()).isEqualTo("{\"short\":\"stout\"}");
    HttpResponse<String> busy = get("/api/busy");
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(busy.body()).isEqualTo("{\"error\":\"busy\"}");
    HttpResponse<String> login = get("/api/auth/cli-login");
    assertThat(login.statusCode())
        .as("a 401 without WWW-Authenticate is an answer too")
        .isEqualTo(401);
    assertThat(login.body()).isEqualTo("log in");
  }

  @Test
  void cookiesTheUpstreamSetsReachTheClientAndStayOutOfTheRelaysClient() throws Exception {
    amp.answer(
        "/api/auth/sign-in",
        AmpAnswer.json(200, "{}").withHeader("Set-Cookie", "amp_session=s3cret; Path=/; HttpOnly"));
    HttpResponse<String> signIn = get("/api/auth/sign-in");
    assertThat(signIn.headers().allValues("Set-Cookie"))
        .containsExactly("amp_session=s3cret; Path=/; HttpOnly");
    get("/api/auth/sign-in");
    assertThat(amp.received().get(1).header("Cookie"))
        .as("the relay's own client keeps no cookies for the next client")
        .isNull();
  }

  @Test
  void eventStreamPiecesReachTheClientBeforeTheUpstreamHasFinished() throws Exception {
    assertPiecesFlow("/api/stream", "text/event-stream", "data: one\n\n", "data: two\n\n");
  }

  @Test
  void chunkedJsonOfUnknownLengthFlowsPieceByPieceToo() throws Exception {
    assertPiecesFlow("/api/chunked", "application/json", "{\"first\":1,", "\"second\":2}");
  }

  private void assertPiecesFlow(String path, String contentType, String first, String second)
      throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    amp.answer(path, AmpAnswer.chunked(200, contentType, gate, first, second));
    try (RawHttp raw = new RawHttp(relay.port())) {
      raw.send("GET " + path + " HTTP/1.1", List.of(), new byte[0]);
      assertThat(raw.head()).isEqualTo(200);
      // the upstream waits for the gate until the first piece is here: it can only be flushed
      assertThat(readChunks(raw, first.length())).isEqualTo(first);
      assertThat(gate.getCount()).isEqualTo(1);
      gate.countDown();
      assertThat(readChunks(raw, second.length())).isEqualTo(second);
      assertThat(raw.chunk()).isEmpty();
    }
  }

  @Test
  void anUnreachableUpstreamIsA502WithTheCallersBodyLoggedOnceWithoutHeaders() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    relay.module.policy(e ->
        RelayRequest.unchanged(
            URI.create("http://127.0.0.1:" + closed), e, RelayModule.UNREACHABLE));
    HttpResponse<String> answer =
        get("/api/user?token=t0ken", "Authorization", "Bearer s3cret-key");
    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(answer.body())
        .isEqualTo(
            "{\"error\":\"amp_upstream_proxy_error\",\"message\":\"Failed to reach Amp upstream\"}");
    List<String> warnings =
        relay.serverLogs.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("GET /api/user").doesNotContain("s3cret-key", "t0ken");
  }

  @Test
  void aClientHangingUpMidStreamCancelsTheUpstreamQuietly() throws Exception {
    amp.answer("/api/forever", AmpAnswer.endless("data: tick\n\n"));
    try (RawHttp raw = new RawHttp(relay.port())) {
      raw.send("GET /api/forever HTTP/1.1", List.of(), new byte[0]);
      assertThat(raw.head()).isEqualTo(200);
      assertThat(new String(raw.chunk(), StandardCharsets.UTF_8)).isEqualTo("data: tick\n\n");
    }
    assertThat(amp.awaitHangUp()).as("the upstream request was cancelled").isTrue();
    amp.answer("/api/user", AmpAnswer.json(200, "{\"still\":\"serving\"}"));
    assertThat(get("/api/user").body()).isEqualTo("{\"still\":\"serving\"}");
    assertThat(relay.serverLogs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
  }

  @Test
  void aClientThatWouldTakeOver401AnswersIsRefused() throws Exception {
    org.eclipse.jetty.client.HttpClient plain = new org.eclipse.jetty.client.HttpClient();
    assertThatThrownBy(() -> new HttpRelay(plain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("started");
    plain.start();
    try {
      assertThatThrownBy(() -> new HttpRelay(plain))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("WWW-Authenticate");
      assertThatThrownBy(() -> new WebSocketRelay(plain))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("WWW-Authenticate");
    } finally {
      plain.stop();
    }
  }

  /** Chunks until {@code length} bytes are here: chunk boundaries are no promise. */
  private static String readChunks(RawHttp raw, int length) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    while (out.size() < length) {
      out.writeBytes(raw.chunk());
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + relay.port() + path);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private void post(String path, String body) throws Exception {
    http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
