package dev.cliproxy.e2e;

import static dev.cliproxy.testing.RunningProxy.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.Account;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.FakeHttpForwardProxy;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import dev.cliproxy.testing.TestOAuthKind;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auth directory as a user meets it: an existing CLIProxyAPI directory loads unchanged, and
 * files added, edited and deleted while the proxy runs change what it serves, without a restart.
 */
class AuthDirectoryEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeOpenAiUpstream.start("oauth-upstream");
    Path auth = Files.createDirectories(dir.resolve("auth"));
    for (String sample :
        List.of(
            "codex-alice@example.com.json",
            "claude-bob@example.com.json",
            "carol@gmail.com-my-proj-123.json")) {
      try (InputStream in = getClass().getResourceAsStream("/auth-samples/" + sample)) {
        Files.copy(in, auth.resolve(sample));
      }
    }
    Files.writeString(auth.resolve("broken.json"), "{\"type\": \"codex\", ");
    proxy =
        RunningProxy.start(
            dir,
            "",
            ProxyWiring.standard()
                .withKinds(
                    List.of(
                        new TestOAuthKind(
                            URI.create("http://127.0.0.1:9/unused"),
                            Duration.ofMinutes(5),
                            Clock.systemUTC()))));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private void writeAccount(String name, String accessToken) throws Exception {
    writeAccount(name, accessToken, "");
  }

  private void writeAccount(String name, String accessToken, String extraFields) throws Exception {
    Path tmp = dir.resolve(name + ".tmp");
    Files.writeString(
        tmp,
        "{\"type\":\""
            + TestOAuthKind.TYPE
            + "\",\"email\":\""
            + name
            + "@example.com\",\"access_token\":\""
            + accessToken
            + "\",\"refresh_token\":\"rt-"
            + name
            + "\",\"expired\":\""
            + Instant.now().plus(Duration.ofDays(1))
            + "\",\"base_url\":\""
            + upstream.baseUrl()
            + "\",\"custom\":{\"kept\":true}"
            + extraFields
            + "}");
    Files.move(
        tmp,
        proxy.authDir().resolve(name + ".json"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private HttpResponse<String> chat(String model, String text) throws Exception {
    return proxy.send(
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\""
                + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text
                + "\"}]}"));
  }

  private List<String> modelIds() throws Exception {
    JsonNode list = JSON.readTree(proxy.send(proxy.get("/v1/models")).body());
    return list.path("data").findValuesAsText("id");
  }

  @Test
  void anExistingCliProxyApiDirectoryLoadsAndABrokenFileIsSkipped() {
    assertThat(proxy.app().accounts().all())
        .extracting(Account::id)
        .containsExactly(
            "carol@gmail.com-my-proj-123.json",
            "claude-bob@example.com.json",
            "codex-alice@example.com.json");
    assertThat(proxy.app().accounts().all())
        .extracting(Account::provider)
        .containsExactly("gemini-cli", "claude", "codex");
    assertThat(proxy.app().accounts().all()).allMatch(a -> !a.accessToken().isEmpty());
  }

  @Test
  void aFileAddedWhileRunningServesAtOnceWithItsToken() throws Exception {
    assertThat(modelIds()).doesNotContain("oauth-model");
    writeAccount("dora", "at-dora-1");
    assertThat(eventually(WAIT, () -> sneaky(() -> modelIds().contains("oauth-model")))).isTrue();

    HttpResponse<String> answer = chat("oauth-model", "hello");

    assertThat(answer.statusCode()).isEqualTo(200);
    FakeOpenAiUpstream.Received received = upstream.received().getLast();
    assertThat(received.header("authorization")).isEqualTo("Bearer at-dora-1");
    assertThat(received.body().path("model").asText()).isEqualTo("up-model");
  }

  @Test
  void anEditedTokenIsUsedByTheNextRequest() throws Exception {
    writeAccount("erin", "at-erin-1");
    assertThat(eventually(WAIT, () -> sneaky(() -> modelIds().contains("oauth-model")))).isTrue();
    assertThat(chat("oauth-model", "one").statusCode()).isEqualTo(200);

    writeAccount("erin", "at-erin-2");
    assertThat(
            eventually(
                WAIT,
                () ->
                    proxy.app().accounts().all().stream()
                        .anyMatch(a -> a.accessToken().equals("at-erin-2"))))
        .isTrue();
    assertThat(chat("oauth-model", "two").statusCode()).isEqualTo(200);

    assertThat(upstream.received().getLast().header("authorization")).isEqualTo("Bearer at-erin-2");
  }

  @Test
  void aDeletedFileLeavesThePoolButARequestInFlightFinishesWithIt() throws Exception {
    writeAccount("fay", "at-fay-1");
    assertThat(eventually(WAIT, () -> sneaky(() -> modelIds().contains("oauth-model")))).isTrue();
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(() ->
            sneaky(() ->
                proxy.send(
                    proxy.post(
                        "/v1/chat/completions",
                        "{\"model\":\"oauth-model\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"slow-stream\"}]}"))));
    assertThat(eventually(WAIT, () -> upstream.streamsActive() == 1)).isTrue();

    Files.delete(proxy.authDir().resolve("fay.json"));
    assertThat(eventually(WAIT, () -> sneaky(() -> !modelIds().contains("oauth-model")))).isTrue();
    HttpResponse<String> afterDelete = chat("oauth-model", "hello");
    assertThat(afterDelete.statusCode()).isEqualTo(404);

    assertThat(upstream.streamsActive()).isEqualTo(1);
    assertThat(upstream.streamsCancelled()).isZero();
    inFlight.cancel(true);
  }

  @Test
  void excludedModelsForOAuthAccountsHideTheModel() throws Exception {
    writeAccount("gus", "at-gus-1");
    assertThat(eventually(WAIT, () -> sneaky(() -> modelIds().contains("oauth-other")))).isTrue();

    proxy.rewriteConfig("oauth-excluded-models:\n  testoauth: [\"*-other\"]\n");

    assertThat(eventually(WAIT, () -> sneaky(() -> !modelIds().contains("oauth-other")))).isTrue();
    assertThat(modelIds()).contains("oauth-model");
    assertThat(chat("oauth-other", "hi").statusCode()).isEqualTo(404);
  }

  @Test
  void aFileWithItsOwnProxyUrlGoesThroughThatProxy() throws Exception {
    try (FakeHttpForwardProxy forward = FakeHttpForwardProxy.start("u", "p")) {
      writeAccount(
          "ida", "at-ida-1", ",\"proxy_url\":\"http://u:p@127.0.0.1:" + forward.port() + "\"");
      assertThat(eventually(WAIT, () -> sneaky(() -> modelIds().contains("oauth-model")))).isTrue();

      assertThat(chat("oauth-model", "via proxy").statusCode()).isEqualTo(200);

      assertThat(forward.forwarded()).hasSize(1);
      assertThat(forward.forwarded().get(0).requestLine()).contains("/v1/chat/completions");
    }
  }

  @Test
  void aDisabledFileIsNotUsed() throws Exception {
    writeAccount("hal", "at-hal-1");
    assertThat(eventually(WAIT, () -> sneaky(() -> modelIds().contains("oauth-model")))).isTrue();
    Path file = proxy.authDir().resolve("hal.json");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, text.replace("{\"type\"", "{\"disabled\":true,\"type\""));

    assertThat(eventually(WAIT, () -> sneaky(() -> !modelIds().contains("oauth-model")))).isTrue();
    assertThat(Files.readString(file)).contains("\"disabled\":true");
  }

  interface Sneaky<T> {
    T get() throws Exception;
  }

  static <T> T sneaky(Sneaky<T> body) {
    try {
      return body.get();
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
