package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.AmpAnswer;
import dev.cliproxy.testing.AmpProxy;
import dev.cliproxy.testing.FakeAmpActor;
import dev.cliproxy.testing.FakeAmpcode;
import dev.cliproxy.testing.Goldens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Amp CLI session ({@code amp -x "say hi"}, captured in golden/amp/captures/hi) replayed
 * through the proxy to a fake ampcode.com that answers as the real one did: every call arrives with
 * its method, path, query, body bytes and headers as Amp sent them, Amp gets the answers back
 * unchanged, and its thread-actor WebSocket upgrades get through with their subprotocols.
 */
class AmpCaptureReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CAPTURES = {
    "01-amp-internal_getUserInfo",
    "02-amp",
    "03-amp-internal_loadPlugins",
    "04-amp-internal_loadSkills",
    "05-amp-internal_loadSkills",
    "06-amp",
    "07-upgrade-refused",
    "08-amp-internal_loadSkills",
    "09-amp",
    "10-upgrade-refused",
    "11-amp",
    "12-upgrade-refused",
    "13-amp",
    "14-upgrade-refused"
  };

  /** Headers the HTTP client sets itself (and the proxy may rewrite as a reverse proxy must). */
  private static final Set<String> TRANSPORT = Set.of("host", "connection", "content-length");

  private AmpProxy servers;

  @BeforeEach
  void start() throws Exception {
    servers = AmpProxy.start("ampcode:\n  upstream-url: {amp}\n");
  }

  @AfterEach
  void stop() throws Exception {
    servers.close();
  }

  private static JsonNode capture(String name) {
    return Goldens.json("amp/captures/hi/" + name + ".json");
  }

  private static byte[] compact(JsonNode body) throws Exception {
    return JSON.writeValueAsBytes(body);
  }

  @Test
  void theCapturedIndexListsExactlyTheReplayedCalls() {
    List<String> files = new ArrayList<>();
    capture("index").path("requests").forEach(r -> files.add(r.path("file").asText()));
    assertThat(files)
        .containsExactlyElementsOf(Arrays.stream(CAPTURES).map(c -> c + ".json").toList());
  }

  @Test
  void everyHttpCallReachesAmpAsSentAndItsAnswerComesBackUnchanged() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int replayed = 0;
    for (String name : CAPTURES) {
      JsonNode request = capture(name).path("request");
      if (capture(name).path("response").isMissingNode()) {
        continue; // a WebSocket upgrade, replayed below
      }
      JsonNode response = capture(name).path("response");
      byte[] body = compact(request.path("body"));
      assertThat(body.length).as(name).isEqualTo(request.path("bodyBytes").asInt());
      byte[] answer = compact(response.path("body"));
      servers
          .amp()
          .answer(
              request.path("path").asText(),
              AmpAnswer.of(
                  response.path("status").asInt(),
                  response.at("/headers/content-type").asText(),
                  answer));
      HttpRequest.Builder replay =
          HttpRequest.newBuilder(
                  URI.create(servers.proxy().baseUrl() + request.path("url").asText()))
              .timeout(Duration.ofSeconds(20))
              .method(
                  request.path("method").asText(), HttpRequest.BodyPublishers.ofByteArray(body));
      List<String[]> sentHeaders = new ArrayList<>();
      for (JsonNode header : request.path("rawHeaders")) {
        String headerName = header.get(0).asText();
        if (!TRANSPORT.contains(headerName.toLowerCase(Locale.ROOT))) {
          replay.header(headerName, header.get(1).asText());
          sentHeaders.add(new String[] {headerName, header.get(1).asText()});
        }
      }
      int before = servers.amp().received().size();

      HttpResponse<byte[]> got = http.send(replay.build(), HttpResponse.BodyHandlers.ofByteArray());

      assertThat(got.statusCode()).as(name).isEqualTo(response.path("status").asInt());
      assertThat(new String(got.body(), StandardCharsets.UTF_8))
          .as(name)
          .isEqualTo(new String(answer, StandardCharsets.UTF_8));
      List<FakeAmpcode.Received> received = servers.amp().received();
      assertThat(received).as(name).hasSize(before + 1);
      FakeAmpcode.Received arrived = received.get(before);
      assertThat(arrived.method()).as(name).isEqualTo(request.path("method").asText());
      assertThat(arrived.target()).as(name).isEqualTo(request.path("url").asText());
      assertThat(arrived.body()).as(name).isEqualTo(body);
      for (String[] header : sentHeaders) {
        assertThat(arrived.headerValues(header[0])).as(name + " " + header[0]).contains(header[1]);
      }
      assertThat(arrived.header("Host")).isEqualTo("127.0.0.1:" + servers.amp().port());
      replayed++;
    }
    assertThat(replayed).isEqualTo(10);
    assertThat(servers.amp().unexpected()).isEmpty();
  }

  @Test
  void everyThreadActorUpgradeGetsThroughWithAmpsSubprotocols() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int upgraded = 0;
    for (String name : CAPTURES) {
      if (!capture(name).path("response").isMissingNode()) {
        continue;
      }
      JsonNode request = capture(name).path("request");
      List<String> protocols =
          Arrays.stream(request.at("/headers/sec-websocket-protocol").asText().split(","))
              .map(String::strip)
              .toList();
      BlockingQueue<String> frames = new LinkedBlockingQueue<>();
      int before = servers.amp().received().size();

      WebSocket socket =
          http.newWebSocketBuilder()
              .subprotocols(
                  protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new))
              .header("User-Agent", request.at("/headers/user-agent").asText())
              .header("Pragma", "no-cache")
              .buildAsync(
                  URI.create(
                      "ws://127.0.0.1:" + servers.proxy().port() + request.path("url").asText()),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      frames.add(data.toString());
                      ws.request(1);
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);

      assertThat(socket.getSubprotocol()).as(name).isEqualTo("rivet");
      assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo(FakeAmpActor.GREETINGS[0]);
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
      FakeAmpcode.Received arrived = servers.amp().received().get(before);
      assertThat(arrived.target()).as(name).isEqualTo(request.path("url").asText());
      assertThat(String.join(",", arrived.headerValues("Sec-WebSocket-Protocol")).replace(" ", ""))
          .isEqualTo(String.join(",", protocols));
      assertThat(arrived.header("User-Agent")).isEqualTo("undici");
      assertThat(arrived.header("Pragma")).isEqualTo("no-cache");
      upgraded++;
    }
    assertThat(upgraded).isEqualTo(4);
  }
}
