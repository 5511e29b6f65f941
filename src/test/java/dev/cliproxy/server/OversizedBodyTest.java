package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.ProxyAndUpstream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A body over the default {@code max-body-size-mb} (64) is refused with a 413 JSON error, every
 * time, before the proxy reads it all: the client, still sending, gets the whole answer.
 */
class OversizedBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIZE = 70 << 20;
  private static final int CHUNK = 1 << 20;

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
  void aDeclared70MbBodyIs413JsonSixTimesInARowAndIsNotRead() throws Exception {
    for (int i = 0; i < 6; i++) {
      // curl sends "Expect: 100-continue" with a large body, and the body anyway a second later
      assertRefusedEarly(false, i % 2 == 1, "try " + i);
    }
    assertThat(servers.upstream().received()).isEmpty();
  }

  @Test
  void aChunked70MbBodyIs413JsonAndIsNotReadToTheEnd() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertRefusedEarly(true, false, "try " + i);
    }
    assertThat(servers.upstream().received()).isEmpty();
  }

  /**
   * Sends 70 MB from a background thread that holds its last megabyte back until the answer has
   * arrived: a proxy that read the whole body before answering would not answer until the sender
   * gives up waiting. A proxy that closes the connection early may stop the sender sooner.
   */
  private void assertRefusedEarly(boolean chunked, boolean expect, String what) throws Exception {
    CountDownLatch answered = new CountDownLatch(1);
    AtomicBoolean readToTheEnd = new AtomicBoolean();
    try (Socket socket = new Socket("127.0.0.1", servers.proxy().port())) {
      socket.setSoTimeout(60_000);
      Thread sender =
          Thread.ofVirtual()
              .start(() -> {
                try {
                  send(socket.getOutputStream(), chunked, expect, answered, readToTheEnd);
                } catch (IOException | InterruptedException closedByTheProxy) {
                  // the proxy may close the connection once it has answered
                }
              });
      RawAnswer answer = RawAnswer.read(socket.getInputStream());
      answered.countDown();
      sender.join(60_000);

      assertThat(readToTheEnd)
          .as("%s: the proxy waited for the body's last megabyte", what)
          .isFalse();
      assertThat(answer.status()).as("%s: %s%s", what, answer.head(), answer.body()).isEqualTo(413);
      assertThat(answer.header("content-type")).startsWith("application/json");
      assertThat(answer.header("connection")).isEqualToIgnoringCase("close");
      JsonNode error = JSON.readTree(answer.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("request_too_large");
      assertThat(error.path("message").asText()).contains("max-body-size-mb");
    }
  }

  private static void send(
      OutputStream out,
      boolean chunked,
      boolean expect,
      CountDownLatch answered,
      AtomicBoolean readToTheEnd)
      throws IOException, InterruptedException {
    String head =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + SIZE + "\r\n")
            + (expect ? "Expect: 100-continue\r\n" : "")
            + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    byte[] chunk = new byte[CHUNK];
    Arrays.fill(chunk, (byte) 'a');
    byte[] opening = "{\"model\":\"up-model\",\"messages\":[{\"content\":\"".getBytes();
    System.arraycopy(opening, 0, chunk, 0, opening.length);
    for (int sent = 0; sent < SIZE; sent += CHUNK) {
      if (sent + CHUNK >= SIZE) {
        readToTheEnd.set(!answered.await(30, TimeUnit.SECONDS));
      }
      if (chunked) {
        out.write((Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      out.write(chunk);
      if (chunked) {
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      chunk = sent == 0 ? filled() : chunk;
    }
    if (chunked) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.flush();
  }

  private static byte[] filled() {
    byte[] chunk = new byte[CHUNK];
    Arrays.fill(chunk, (byte) 'a');
    return chunk;
  }
}
