package dev.cliproxy.e2e;

import static dev.cliproxy.testing.RunningProxy.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.ProxyAndUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that hangs up while the upstream is still silent (a model thinking before its first
 * token) stops the upstream request at once, not when the upstream finally speaks.
 */
class HangUpTest {
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
  void hangingUpBeforeTheFirstByteCancelsTheUpstreamRequest() throws Exception {
    FakeOpenAiUpstream upstream = servers.upstream();
    for (boolean stream : new boolean[] {false, true}) {
      int before = upstream.holdsCancelled();
      String body =
          "{\"model\":\"up-model\",\"stream\":"
              + stream
              + ",\"messages\":[{\"role\":\"user\",\"content\":\"hold\"}]}";
      try (Socket socket = new Socket("127.0.0.1", servers.proxy().port())) {
        OutputStream out = socket.getOutputStream();
        out.write(rawPost(body));
        out.flush();
        assertThat(eventually(Duration.ofSeconds(10), () -> upstream.holdsActive() == 1)).isTrue();
      }
      // The upstream holds for 60 s; seeing the cancellation within 10 s proves it came from the
      // hang-up and not from the upstream finishing.
      assertThat(eventually(Duration.ofSeconds(10), () -> upstream.holdsCancelled() == before + 1))
          .as("upstream request cancelled after the client hung up (stream=%s)", stream)
          .isTrue();
    }
  }

  @Test
  void aClientSendingItsNextRequestTheMomentAnAnswerEndsIsServedIntact() throws Exception {
    // A keep-alive client may send its next request as soon as the last byte of an answer arrives;
    // a watch still reading then would swallow that request's first byte ("OST /v1/...").
    try (Socket socket = new Socket("127.0.0.1", servers.proxy().port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 30; i++) {
        String body =
            "{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\"n"
                + i
                + "\"}]}";
        out.write(rawPost(body));
        out.flush();
        String answer = readResponse(in);
        assertThat(answer).as("answer %d", i).startsWith("HTTP/1.1 200").contains("echo: n" + i);
      }
    }
  }

  /** Reads one HTTP/1.1 response with a Content-Length body, byte by byte up to its end. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0 || head.size() > 64 * 1024) {
        throw new IOException("no complete response head: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** A chat completions request as raw HTTP/1.1 bytes, for tests that own the socket. */
  private static byte[] rawPost(String body) {
    return ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.UTF_8);
  }
}
