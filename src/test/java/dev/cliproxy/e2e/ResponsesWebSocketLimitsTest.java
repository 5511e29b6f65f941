package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.Goldens;
import dev.cliproxy.testing.ResponsesSocketClient;
import dev.cliproxy.testing.RunningProxy;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Responses WebSocket's limits and its handshake as Codex CLI 0.169 sends it: the bound on open
 * sockets, the idle timeout, and the captured upgrade request replayed byte for byte.
 */
class ResponsesWebSocketLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-client-limits";

  @TempDir Path dir;
  FakeOpenAiUpstream upstream;
  RunningProxy proxy;
  ResponsesSocketClient client;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("limits");
    proxy =
        RunningProxy.start(
            dir,
            "api-keys: ["
                + KEY
                + "]\nmax-body-size-mb: 1\nresponses-websocket:\n  max-open: 1\n  idle-timeout-seconds: 1\n"
                + "openai-compatibility:\n  - name: compat\n    base-url: "
                + upstream.baseUrl()
                + "\n    api-key-entries:\n      - api-key: up\n    models:\n"
                + "      - name: up-model\n        alias: gpt-6.1-sol\n");
    client = new ResponsesSocketClient();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    proxy.close();
    upstream.close();
  }

  private String url() {
    return "ws://127.0.0.1:" + proxy.port() + "/v1/responses";
  }

  @Test
  void pastMaxOpenAnUpgradeIsRefusedWith503AndAnIdleSocketIsClosedFreeingItsPlace()
      throws Exception {
    ResponsesSocketClient.Socket first =
        client.connect(url(), Map.of("Authorization", "Bearer " + KEY));

    assertThatThrownBy(() -> client.connect(url(), Map.of("Authorization", "Bearer " + KEY)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(UpgradeException.class)
        .satisfies(e -> assertThat(((UpgradeException) e).getResponseStatusCode()).isEqualTo(503));

    // nothing is sent on the first socket: it is closed for idling, and its place is free again
    ResponsesSocketClient.Close idle = first.awaitClose(Duration.ofSeconds(30));
    assertThat(idle.code()).isEqualTo(1001);
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    client.connect(url(), Map.of("Authorization", "Bearer " + KEY)).close();
                    return true;
                  } catch (Exception stillFull) {
                    return false;
                  }
                }))
        .isTrue();
  }

  @Test
  void aSocketWaitingOnTheUpstreamIsNotClosedForIdlingAndItsCloseCancelsTheWait() throws Exception {
    ResponsesSocketClient.Socket socket =
        client.connect(url(), Map.of("Authorization", "Bearer " + KEY));
    // "hold": the upstream answers nothing; no frame moves for three idle timeouts
    socket.send(ResponsesWebSocketEndToEndTest.create("gpt-6.1-sol", "hold").toString());
    assertThat(RunningProxy.eventually(Duration.ofSeconds(10), () -> upstream.holdsActive() == 1))
        .isTrue();
    Thread.sleep(3_000);
    assertThat(socket.isOpen()).as("closed while a turn was being answered").isTrue();

    socket.close();

    assertThat(
            RunningProxy.eventually(Duration.ofSeconds(20), () -> upstream.holdsCancelled() == 1))
        .as("the upstream saw its request cancelled")
        .isTrue();
  }

  @Test
  void aMessageLargerThanMaxBodySizeIsClosedWith1009() throws Exception {
    ResponsesSocketClient.Socket socket =
        client.connect(url(), Map.of("Authorization", "Bearer " + KEY));
    socket.send(
        ResponsesWebSocketEndToEndTest.create("gpt-6.1-sol", "x".repeat(2 << 20)).toString());

    assertThat(socket.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1009);
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void codexCliUpgradeRequestAsCapturedIsAccepted() throws Exception {
    JsonNode captured =
        // Codex CLI 0.169.0's second upgrade (fixtures/clients/codex/builtin-openai-provider-hi)
        Goldens.json("responses/websocket/codex-0.169-upgrade.json").path("request");
    StringBuilder request = new StringBuilder("GET /v1/responses HTTP/1.1\r\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = captured.path("headers").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      String value =
          header.getKey().equals("host") ? "127.0.0.1:" + proxy.port() : header.getValue().asText();
      request.append(header.getKey()).append(": ").append(value).append("\r\n");
    }
    request.append("authorization: Bearer ").append(KEY).append("\r\n\r\n");

    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      String head = readHead(socket.getInputStream());

      assertThat(head).startsWith("HTTP/1.1 101");
      String key = captured.path("headers").path("sec-websocket-key").asText();
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest(
                          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                              .getBytes(StandardCharsets.US_ASCII)));
      assertThat(head.toLowerCase()).contains("sec-websocket-accept: " + accept.toLowerCase());
    }
  }

  private static String readHead(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
