package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cliproxy.testing.AmpAnswer;
import dev.cliproxy.testing.AmpProxy;
import dev.cliproxy.testing.FakeAmpActor;
import dev.cliproxy.testing.FakeAmpcode;
import dev.cliproxy.testing.OwnAddress;
import dev.cliproxy.testing.RunningProxy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Everything Amp calls under its URL besides model calls, through the whole proxy to a fake
 * ampcode.com: each route relayed with its path, query and body; the management routes open to
 * loopback peers only (judged by the socket, not by headers); the Amp key in the seed's order; and
 * the agent's WebSocket relayed frame by frame.
 */
class AmpRelayedRoutesTest {
  private static final String CONFIG =
      """
      ampcode:
        upstream-url: {amp}
      """;

  private AmpProxy servers;

  @AfterEach
  void stop() throws Exception {
    if (servers != null) {
      servers.close();
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    RunningProxy proxy = servers.proxy();
    return proxy.send(
        HttpRequest.newBuilder(URI.create(proxy.baseUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer sgamp_user_token")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void everyRouteAmpCallsIsRelayedWithItsPathQueryAndBody() throws Exception {
    servers = AmpProxy.start(CONFIG);
    List<String> targets =
        List.of(
            "/api/internal?getUserInfo",
            "/api/telemetry",
            "/api/thread-actors",
            "/api/user",
            "/api/auth/sign-in",
            "/api/threads/T-1?limit=5",
            "/api/meta",
            "/api/tab/complete",
            "/api/provider/openai/v1/files",
            "/auth/cli-login?authToken=a&callbackPort=35789",
            "/threads",
            "/threads/T-1",
            "/threads.rss",
            "/docs",
            "/docs/manual",
            "/settings",
            "/settings/keys",
            "/news.rss");
    for (String target : targets) {
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      servers.amp().answer(path, AmpAnswer.json(200, "{\"path\":\"" + path + "\"}"));
    }

    for (String target : targets) {
      HttpResponse<String> answer = send("POST", target, "{\"method\":\"x\"}");
      assertThat(answer.statusCode()).as(target + " " + answer.body()).isEqualTo(200);
      assertThat(answer.body()).contains(target.split("\\?")[0]);
    }
    HttpResponse<String> get = send("GET", "/threads/T-2?view=full", null);
    HttpResponse<String> delete = send("DELETE", "/api/threads/T-1", null);

    assertThat(get.statusCode()).isEqualTo(404); // the fake's own answer, passed on
    assertThat(delete.statusCode()).isEqualTo(200);
    List<FakeAmpcode.Received> received = servers.amp().received();
    assertThat(received.stream().map(FakeAmpcode.Received::target))
        .containsSubsequence(targets)
        .endsWith("/threads/T-2?view=full", "/api/threads/T-1");
    assertThat(received.get(0).bodyText()).isEqualTo("{\"method\":\"x\"}");
    assertThat(received.get(received.size() - 1).method()).isEqualTo("DELETE");
    // no key of its own configured: Amp CLI's own token goes on as it was sent
    assertThat(received).allMatch(r -> "Bearer sgamp_user_token".equals(r.header("Authorization")));
  }

  @Test
  void theAmpKeyComesFromTheConfigThenTheEnvironmentThenAmpsSecretsFile() throws Exception {
    servers = AmpProxy.start(CONFIG);
    servers.amp().answer("/api/user", AmpAnswer.json(200, "{}"));
    Path secrets = servers.home().resolve(".local/share/amp/secrets.json");
    Files.createDirectories(secrets.getParent());
    Files.writeString(
        secrets, "{\"apiKey@" + servers.amp().url() + "/\":\"sgamp_from_file\",\"other\":\"x\"}");

    send("GET", "/api/user", null);
    servers.environment().put("AMP_API_KEY", "sgamp_from_env");
    send("GET", "/api/user", null);
    servers.rewriteConfig(CONFIG + "  upstream-api-key: sgamp_from_config\n");
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    send("GET", "/api/user", null);
                  } catch (Exception e) {
                    return false;
                  }
                  List<FakeAmpcode.Received> all = servers.amp().received();
                  return "Bearer sgamp_from_config"
                      .equals(all.get(all.size() - 1).header("Authorization"));
                }))
        .isTrue();

    List<FakeAmpcode.Received> received = servers.amp().received();
    assertThat(received.get(0).header("Authorization")).isEqualTo("Bearer sgamp_from_file");
    assertThat(received.get(0).header("X-Api-Key")).isEqualTo("sgamp_from_file");
    assertThat(received.get(1).header("Authorization")).isEqualTo("Bearer sgamp_from_env");
    assertThat(received.get(received.size() - 1).header("X-Api-Key"))
        .isEqualTo("sgamp_from_config");
  }

  @Test
  void aClientsProxyKeyNeverReachesAmpInAnyHeaderOrTheQuery() throws Exception {
    servers = AmpProxy.start("api-keys: [proxy-key-1]\n" + CONFIG);
    servers.amp().answer("/api/internal", AmpAnswer.json(200, "{}"));
    RunningProxy proxy = servers.proxy();

    proxy.send(
        proxy
            .post("/api/internal?getUserInfo&key=proxy-key-1&auth_token=proxy-key-1", "{}")
            .header("Authorization", "Bearer proxy-key-1")
            .header("X-Api-Key", "proxy-key-1")
            .header("X-Goog-Api-Key", "proxy-key-1"));

    FakeAmpcode.Received sent = servers.amp().onlyRequest();
    assertThat(sent.target()).isEqualTo("/api/internal?getUserInfo");
    assertThat(sent.headers()).noneMatch(h -> h.getValue().contains("proxy-key-1"));
  }

  @Test
  void perClientUpstreamKeysPickTheAmpKeyByTheProxyKeyPresented() throws Exception {
    servers =
        AmpProxy.start(
            "api-keys: [alice-key, bob-key]\n"
                + CONFIG
                + """
                  upstream-api-key: sgamp_shared
                  upstream-api-keys:
                    - upstream-api-key: sgamp_alice
                      api-keys: [alice-key]
                """);
    servers.amp().answer("/api/user", AmpAnswer.json(200, "{}"));
    RunningProxy proxy = servers.proxy();

    proxy.send(proxy.get("/api/user").header("Authorization", "Bearer alice-key"));
    proxy.send(proxy.get("/api/user?key=bob-key"));

    List<FakeAmpcode.Received> received = servers.amp().received();
    assertThat(received.get(0).header("Authorization")).isEqualTo("Bearer sgamp_alice");
    assertThat(received.get(1).header("Authorization")).isEqualTo("Bearer sgamp_shared");
    assertThat(received.get(1).target()).isEqualTo("/api/user");
  }

  @Test
  void aSpoofedForwardedForFromAnotherAddressIsRefusedByTheSocketAddress() throws Exception {
    Optional<InetAddress> own = OwnAddress.nonLoopback();
    assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
    servers = AmpProxy.start("host: 0.0.0.0\napi-keys: [proxy-key-1]\n" + CONFIG);
    servers.amp().answer("/api/user", AmpAnswer.json(200, "{\"ok\":true}"));
    int port = servers.proxy().port();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest.Builder fromAfar =
        HttpRequest.newBuilder(
                URI.create("http://" + own.get().getHostAddress() + ":" + port + "/api/user"))
            .header("X-Forwarded-For", "127.0.0.1")
            .header("X-Real-IP", "127.0.0.1")
            .header("Forwarded", "for=127.0.0.1");

    HttpResponse<String> refused =
        http.send(fromAfar.build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> local =
        servers.proxy().send(servers.proxy().get("/api/user").header("X-Forwarded-For", "8.8.8.8"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("restrict-management-to-localhost");
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(servers.amp().received()).hasSize(1);

    servers.rewriteConfig(
        "host: 0.0.0.0\napi-keys: [proxy-key-1]\n"
            + CONFIG
            + "  restrict-management-to-localhost: false\n");
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    return http.send(fromAfar.build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                        == 200;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
  }

  @Test
  void theAgentsWebSocketIsRelayedFrameByFrameWithAmpsSubprotocolAndCloseCodes() throws Exception {
    servers = AmpProxy.start(CONFIG);
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    String connParams =
        "rivet_conn_params.%7B%22wsToken%22%3A%22wstok_fake%22%2C%22transport%22%3A%22json-rpc%22%7D";
    String target =
        "/actors/gateway/threadActor/websocket/?rvt-namespace=default&rvt-method=get"
            + "&rvt-key=T-c005a13f&rvt-skip-ready-wait=true";

    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("rivet", "rivet_encoding.bare", "rivet_skip_ready_wait", connParams)
            .header("Authorization", "Bearer sgamp_user_token")
            .buildAsync(
                URI.create("ws://127.0.0.1:" + servers.proxy().port() + target),
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      frames.add(text.toString());
                      text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closes.add(code);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);

    assertThat(socket.getSubprotocol()).isEqualTo("rivet");
    for (String greeting : FakeAmpActor.GREETINGS) {
      assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo(greeting);
    }
    String big = "x".repeat(64 * 1024);
    socket.sendText(big, true).get(10, TimeUnit.SECONDS);
    assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo(big);
    socket.sendText("close:4000:thread done", true).get(10, TimeUnit.SECONDS);
    assertThat(closes.poll(10, TimeUnit.SECONDS)).isEqualTo(4000);

    FakeAmpcode.Received upgrade = servers.amp().onlyRequest();
    assertThat(upgrade.target()).isEqualTo(target);
    assertThat(upgrade.header("Authorization")).isEqualTo("Bearer sgamp_user_token");
    assertThat(String.join(",", upgrade.headerValues("Sec-WebSocket-Protocol")).replace(" ", ""))
        .isEqualTo("rivet,rivet_encoding.bare,rivet_skip_ready_wait," + connParams);
  }

  @Test
  void anUpgradeAmpRefusesIsAnsweredWithAmpsStatus() throws Exception {
    servers = AmpProxy.start(CONFIG);
    servers.amp().refuseUpgradesWith(401);

    Throwable failure =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("rivet")
            .buildAsync(
                URI.create("ws://127.0.0.1:" + servers.proxy().port() + "/actors/x/websocket/"),
                new WebSocket.Listener() {})
            .handle((ws, error) -> error)
            .get(10, TimeUnit.SECONDS);

    assertThat(failure).isNotNull();
    assertThat(failure.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
    HttpResponse<?> refused =
        ((java.net.http.WebSocketHandshakeException) failure.getCause()).getResponse();
    assertThat(refused.statusCode()).isEqualTo(401);
  }
}
