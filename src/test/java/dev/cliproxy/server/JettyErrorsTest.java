package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.ProxyAndUpstream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answers Jetty itself gives, before any route sees the request (a broken request line, a too
 * long URI, too large headers), are JSON errors like every other answer, never its HTML page.
 */
class JettyErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final ProxyAndUpstream servers =
      ProxyAndUpstream.withConfig(
          """
          openai-compatibility:
            - name: Up
              base-url: %s
              models:
                - name: up-model
          """);

  @Test
  void aBrokenRequestLineIs400Json() throws Exception {
    RawAnswer answer = send("THIS IS NOT HTTP\r\n\r\n");

    assertJsonError(answer, 400);
  }

  @Test
  void aTooLongUriIs414Json() throws Exception {
    RawAnswer answer =
        send("GET /v1/models?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertJsonError(answer, 414);
  }

  @Test
  void tooLargeHeadersAre431Json() throws Exception {
    RawAnswer answer =
        send("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

    assertJsonError(answer, 431);
  }

  @Test
  void aClaudeRouteHearsJettysRefusalInClaudesDialect() throws Exception {
    String body = "{\"model\":\"up-model\"}";
    RawAnswer answer =
        send(
            "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + body.length()
                + "\r\nContent-Length: 3\r\n\r\n"
                + body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).doesNotContain("<html");
    JsonNode root = JSON.readTree(answer.body());
    assertThat(root.path("type").asText()).as(answer.body()).isEqualTo("error");
    assertThat(root.path("error").path("message").asText()).isNotBlank();
  }

  private RawAnswer send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", servers.proxy().port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return RawAnswer.read(socket.getInputStream());
    }
  }

  private static void assertJsonError(RawAnswer answer, int status) throws IOException {
    assertThat(answer.status()).as(answer.head() + answer.body()).isEqualTo(status);
    assertThat(answer.header("content-type")).startsWith("application/json");
    assertThat(answer.body()).doesNotContainIgnoringCase("<html");
    JsonNode error = JSON.readTree(answer.body()).path("error");
    assertThat(error.path("message").asText()).as(answer.body()).isNotBlank();
    assertThat(error.path("type").asText()).isNotBlank();
    assertThat(error.has("code")).isTrue();
  }
}
