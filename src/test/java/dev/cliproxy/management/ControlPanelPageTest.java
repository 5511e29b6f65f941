package dev.cliproxy.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.testing.OwnAddress;
import dev.cliproxy.testing.RunningProxy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /management.html}: the Management Center served from disk, never fetched. */
class ControlPanelPageTest {
  private static final String KEY_BLOCK =
      "remote-management:\n  secret-key: \"" + BcryptHash.of("mgmt-1") + "\"\n";

  @TempDir Path dir;
  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private Path page() {
    return dir.resolve("static").resolve("management.html");
  }

  private void placePage(String html) throws Exception {
    Files.createDirectories(page().getParent());
    Files.writeString(page(), html);
  }

  private HttpResponse<String> get() throws Exception {
    return proxy.send(proxy.get("/management.html"));
  }

  @Test
  void theFileBesideTheConfigIsServedWithoutAKeyAsUncachedHtml() throws Exception {
    placePage("<!doctype html><title>MC</title>");
    proxy = RunningProxy.start(dir, KEY_BLOCK);

    HttpResponse<String> answer = get();

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(answer.body()).isEqualTo("<!doctype html><title>MC</title>");
  }

  @Test
  void headAnswersLikeGetWithoutTheBody() throws Exception {
    placePage("<!doctype html><title>MC</title>");
    proxy = RunningProxy.start(dir, KEY_BLOCK);

    HttpResponse<String> answer =
        proxy.send(
            proxy.get("/management.html").method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void aReplacedFileIsServedAtOnce() throws Exception {
    placePage("version one");
    proxy = RunningProxy.start(dir, KEY_BLOCK);
    assertThat(get().body()).isEqualTo("version one");

    placePage("version two");

    assertThat(get().body()).isEqualTo("version two");
  }

  @Test
  void itIsServedWhileTheApiIsOffAsTheReferenceDoes() throws Exception {
    placePage("the page");
    proxy = RunningProxy.start(dir, "api-keys: [client-1]\n");

    assertThat(get().statusCode()).isEqualTo(200);
    assertThat(proxy.send(proxy.get("/v0/management/config")).statusCode()).isEqualTo(404);
  }

  @Test
  void aMissingFileIsA404SayingWhereToGetItAndPutItAndNothingIsFetched() throws Exception {
    proxy = RunningProxy.start(dir, KEY_BLOCK);

    HttpResponse<String> answer = get();

    assertThat(answer.statusCode()).isEqualTo(404);
    JsonNode body = ManagementJson.MAPPER.readTree(answer.body());
    assertThat(body.path("error").asText()).isEqualTo("not found");
    assertThat(body.path("message").asText())
        .contains(ControlPanelPage.RELEASES)
        .contains(page().toAbsolutePath().toString());
    assertThat(dir.resolve("static")).doesNotExist();
  }

  @Test
  void aPeerFromAfarIsNotToldTheServersPaths() throws Exception {
    Optional<InetAddress> own = OwnAddress.nonLoopback();
    assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
    proxy = RunningProxy.start(dir, "host: 0.0.0.0\n" + KEY_BLOCK);

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://"
                                + own.get().getHostAddress()
                                + ":"
                                + proxy.port()
                                + "/management.html"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body())
        .contains("static/management.html beside the config file")
        .doesNotContain(dir.toString());
  }

  @Test
  void disableControlPanelHidesAPresentFile() throws Exception {
    placePage("the secret page");
    proxy =
        RunningProxy.start(
            dir,
            KEY_BLOCK.replace(
                "remote-management:\n", "remote-management:\n  disable-control-panel: true\n"));

    HttpResponse<String> answer = get();

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).doesNotContain("the secret page").contains("disable-control-panel");
  }

  @Test
  void managementStaticPathNamesTheDirectoryOrTheFileElseStaticBesideTheConfig() {
    Path config = Path.of("/srv/proxy/config.yaml");

    assertThat(ControlPanelPage.locate(config, Optional.empty()))
        .isEqualTo(Path.of("/srv/proxy/static/management.html"));
    assertThat(ControlPanelPage.locate(config, Optional.of("  ")))
        .isEqualTo(Path.of("/srv/proxy/static/management.html"));
    assertThat(ControlPanelPage.locate(config, Optional.of("/opt/mc")))
        .isEqualTo(Path.of("/opt/mc/management.html"));
    assertThat(ControlPanelPage.locate(config, Optional.of("/opt/mc/Management.html")))
        .isEqualTo(Path.of("/opt/mc/Management.html"));
    assertThat(ControlPanelPage.locate(Path.of("config.yaml"), Optional.empty()))
        .isEqualTo(Path.of("").toAbsolutePath().resolve("static/management.html"));
  }
}
