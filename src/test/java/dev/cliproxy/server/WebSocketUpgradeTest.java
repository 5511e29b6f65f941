package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.ProvidersProxy;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module takes an HTTP upgrade over: WebSocket frames on the proxy's own port. */
class WebSocketUpgradeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Upgrades {@code GET /test/echo} for clients with a client key and echoes text frames. */
  static final class EchoModule implements ServerModule {
    @Override
    public PathTable<Endpoint> routes() {
      return PathTable.<Endpoint>builder()
          .get(
              "/test/echo",
              ClientKeyCheck.required(WebSocketUpgrade.to((rq, rs, cb) -> new Echo())))
          .build();
    }
  }

  /** Sends every text frame back; public, as Jetty calls listeners through method handles. */
  public static final class Echo implements Session.Listener.AutoDemanding {
    private Session session;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
      session.sendText("echo: " + message, Callback.NOOP);
    }
  }

  @TempDir Path dir;
  ProvidersProxy proxy;

  @BeforeEach
  void start() throws Exception {
    proxy = ProvidersProxy.withModules(dir, "api-keys: [good-key]\n", new EchoModule());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
  }

  @Test
  void anUpgradedConnectionEchoesTextFrames() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer good-key")
            .buildAsync(echoUri(), collectingInto(received))
            .get(10, TimeUnit.SECONDS);
    socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: hello");
    socket.sendText("again", true).get(10, TimeUnit.SECONDS);
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: again");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWrongClientKeyIsRefusedBeforeTheUpgrade() throws Exception {
    assertThatThrownBy(() ->
            HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer wrong-key")
                .buildAsync(echoUri(), collectingInto(new LinkedBlockingQueue<>()))
                .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));

    String answer = rawUpgrade("Bearer wrong-key");
    assertThat(answer).startsWith("HTTP/1.1 401 ");
    JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(error.path("error").path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(error.path("error").path("type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void aPlainRequestToAnUpgradeRouteIs426() throws Exception {
    HttpResponse<String> plain = proxy.send("GET", "/test/echo", "x-api-key", "good-key");
    assertThat(plain.statusCode()).isEqualTo(426);
    assertThat(JSON.readTree(plain.body()).path("error").path("code").asText())
        .isEqualTo("websocket_upgrade_required");
  }

  @Test
  void theProxyApiAnswersNextToTheUpgradeRoute() throws Exception {
    HttpResponse<String> models = proxy.send("GET", "/v1/models", "x-api-key", "good-key");
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.body()).isEqualTo("{\"object\":\"list\",\"data\":[]}");
  }

  private URI echoUri() {
    return URI.create("ws://127.0.0.1:" + proxy.port() + "/test/echo");
  }

  /** An upgrade request written by hand, to read the refusal's body (WebSocket clients drop it). */
  private String rawUpgrade(String authorization) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /test/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                  + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: "
                  + authorization
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      int length = -1;
      while (true) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        answer.write(b);
        String text = answer.toString(StandardCharsets.US_ASCII);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd >= 0 && length < 0) {
          var matcher =
              java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
          length = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        }
        if (headEnd >= 0 && answer.size() >= headEnd + 4 + length) {
          break;
        }
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static WebSocket.Listener collectingInto(BlockingQueue<String> received) {
    return new WebSocket.Listener() {
      private final StringBuilder frame = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        frame.append(data);
        if (last) {
          received.add(frame.toString());
          frame.setLength(0);
        }
        socket.request(1);
        return null;
      }
    };
  }
}
