package dev.cliproxy.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.cliproxy.testing.AmpAnswer;
import dev.cliproxy.testing.FakeAmpcode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpRelay}'s gzip repair: bodies that are gzip without a Content-Encoding. */
class HttpRelayGzipTest {
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
  void aGzipBodyWithoutContentEncodingIsUnpackedWhateverTheStatus() throws Exception {
    String json = "{\"ok\":true,\"result\":{\"email\":\"someone@example.com\",\"features\":[]}}";
    amp.answer("/api/user", AmpAnswer.of(200, "application/json", AmpAnswer.gzip(json)));
    amp.answer("/api/failing", AmpAnswer.of(500, "application/json", AmpAnswer.gzip("{\"e\":1}")));
    for (String path : List.of("/api/user", "/api/failing")) {
      try (RawHttp raw = new RawHttp(relay.port())) {
        RawHttp.Answer answer =
            raw.send("GET " + path + " HTTP/1.1", List.of(), new byte[0]).answer();
        String expected = path.equals("/api/user") ? json : "{\"e\":1}";
        assertThat(answer.bodyText()).isEqualTo(expected);
        assertThat(answer.header("Content-Length")).isEqualTo(String.valueOf(expected.length()));
        assertThat(answer.header("Content-Encoding")).isNull();
      }
    }
  }

  @Test
  void aCorruptOrTruncatedGzipBodyIsSentAsItCameWithAWarning() throws Exception {
    byte[] packed = AmpAnswer.gzip("{\"a\":\"" + "b".repeat(500) + "\"}");
    byte[] truncated = Arrays.copyOf(packed, packed.length / 2);
    byte[] corrupt = packed.clone();
    for (int i = 10; i < corrupt.length - 8; i++) {
      corrupt[i] = (byte) 0xff;
    }
    amp.answer("/api/truncated", AmpAnswer.of(200, "application/json", truncated));
    amp.answer("/api/corrupt", AmpAnswer.of(200, "application/json", corrupt));
    assertThat(getBytes("/api/truncated").body()).isEqualTo(truncated);
    assertThat(getBytes("/api/corrupt").body()).isEqualTo(corrupt);
    assertThat(relay.serverLogs.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("GET /api/truncated", "does not unpack"))
        .anySatisfy(m -> assertThat(m).contains("GET /api/corrupt", "does not unpack"));
  }

  @Test
  void aBodyThatSaysItsEncodingIsLeftAlone() throws Exception {
    byte[] packed = AmpAnswer.gzip("{\"declared\":true}");
    amp.answer(
        "/api/declared",
        AmpAnswer.of(200, "application/json", packed).withHeader("Content-Encoding", "gzip"));
    HttpResponse<byte[]> answer = getBytes("/api/declared", "Accept-Encoding", "gzip");
    assertThat(answer.body()).isEqualTo(packed);
    assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
  }

  private HttpResponse<byte[]> getBytes(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + path)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
