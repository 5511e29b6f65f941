package dev.cliproxy.toy;

import static dev.cliproxy.testing.RunningProxy.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.Account;
import dev.cliproxy.cli.Main;
import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real proxy with one more provider kind, registered from the tests through the wiring: its
 * config section, its auth-file accounts, its login flag and its needs-login hint all work end to
 * end against a fake upstream.
 */
class ToyKindEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = FakeOpenAiUpstream.start("toy-upstream");
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    upstream.close();
  }

  private void startProxy(String yaml) throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            yaml,
            ProxyWiring.standard().withRefreshTick(Duration.ofMillis(100)).withKind(new ToyKind()));
  }

  private HttpResponse<String> chat(String model) throws Exception {
    return proxy.send(
        proxy.post(
            "/v1/chat/completions",
            "{\"model\":\""
                + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello toy\"}]}"));
  }

  private Account account(String id) {
    return proxy.app().accounts().all().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElse(null);
  }

  @Test
  void anUpstreamFromItsOwnConfigSectionServesARequest() throws Exception {
    startProxy(
        "toy-upstreams:\n  - base-url: "
            + upstream.baseUrl()
            + "\n    api-key: toy-key\n    models: [{name: up-model, alias: toy-model}]\n");

    HttpResponse<String> answer = chat("toy-model");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("echo: hello toy");
    FakeOpenAiUpstream.Received received = upstream.received().get(0);
    assertThat(received.path()).endsWith("/chat/completions");
    assertThat(received.header("Authorization")).isEqualTo("Bearer toy-key");
    assertThat(received.body().path("model").asText()).isEqualTo("up-model");
  }

  @Test
  void anAccountFileOfItsTypeServesItsModelAtItsEndpoint() throws Exception {
    startProxy("endpoints:\n  toy:\n    api: " + upstream.baseUrl() + "\n");
    Files.writeString(
        proxy.authDir().resolve("toy-a.json"),
        "{\"type\":\"toy\",\"email\":\"a@example.com\",\"access_token\":\"account-token\"}");
    assertThat(eventually(WAIT, () -> account("toy-a.json") != null)).isTrue();

    HttpResponse<String> answer = chat(ToyKind.ACCOUNT_MODEL);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    FakeOpenAiUpstream.Received received = upstream.received().get(0);
    assertThat(received.header("Authorization")).isEqualTo("Bearer account-token");
    assertThat(received.body().path("model").asText()).isEqualTo(ToyKind.ACCOUNT_UPSTREAM_MODEL);
  }

  @Test
  void itsLoginFlagAddsAnAccountTheRunningProxyServes() throws Exception {
    startProxy("endpoints:\n  toy:\n    api: " + upstream.baseUrl() + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status =
        Main.commandLine(ProviderKinds.shipped().plus(new ToyKind()))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute("--toy-login", "--config", dir.resolve("config.yaml").toString());

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Toy account added: " + proxy.authDir().resolve("toy-login.json"));
    assertThat(eventually(WAIT, () -> account("toy-login.json") != null)).isTrue();
    HttpResponse<String> answer = chat(ToyKind.ACCOUNT_MODEL);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(upstream.received().get(0).header("Authorization"))
        .isEqualTo("Bearer " + ToyKind.LOGIN_TOKEN);
  }

  @Test
  void anAccountThatNeedsANewLoginIsAnsweredWithItsKindsLoginFlag() throws Exception {
    startProxy("endpoints:\n  toy:\n    api: " + upstream.baseUrl() + "\n");
    Files.writeString(
        proxy.authDir().resolve("toy-revoked.json"),
        "{\"type\":\"toy\",\"access_token\":\"old\",\"refresh_token\":\"revoked\",\"expired\":\""
            + Instant.now().minus(Duration.ofHours(1))
            + "\"}");
    assertThat(
            eventually(
                WAIT,
                () ->
                    account("toy-revoked.json") != null
                        && account("toy-revoked.json").needsLogin()))
        .isTrue();

    HttpResponse<String> answer = chat(ToyKind.ACCOUNT_MODEL);

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body())
        .contains("toy-revoked.json needs a new login (./cli-proxy-api --toy-login)");
    assertThat(upstream.received()).isEmpty();
  }
}
