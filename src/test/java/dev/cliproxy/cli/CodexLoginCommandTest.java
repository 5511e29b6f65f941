package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.provider.codex.CodexLoginCommand;
import dev.cliproxy.testing.FakeOpenAiAuth;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexLoginCommandTest {
  @TempDir Path dir;
  FakeOpenAiAuth auth;
  Path config;
  int port;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    auth = FakeOpenAiAuth.start();
    config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        "auth-dir: "
            + dir.resolve("auth")
            + "\nendpoints:\n  codex:\n    auth: "
            + auth.baseUrl()
            + "\n");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  @AfterEach
  void stop() {
    auth.close();
  }

  private int run(BrowserOpener browser, CodexLoginCommand.Flow flow) {
    return new LoginRun(
            ProviderKinds.shipped().configLoader(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new StringReader(""))
        .run(
            new CodexLoginCommand(browser, Clock.systemUTC(), d -> {}, port).flag(flow),
            config,
            false,
            java.util.Optional.empty(),
            java.util.Map.of());
  }

  private BrowserOpener signingIn() {
    HttpClient http = HttpClient.newHttpClient();
    return new BrowserOpener(
        "Linux",
        Map.of("DISPLAY", ":0"),
        uri -> false,
        command -> {
          Map<String, String> q = new HashMap<>();
          for (String pair : URI.create(command.get(1)).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
          }
          auth.approve("c1", q.get("code_challenge"), q.get("redirect_uri"));
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + port
                              + "/auth/callback?code=c1&state="
                              + q.get("state")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
          return true;
        });
  }

  @Test
  void aSuccessfulLoginExitsZeroAndSaysWhereTheAccountWent() {
    assertThat(run(signingIn(), CodexLoginCommand.Flow.BROWSER)).isZero();
    assertThat(out.toString())
        .contains("Codex account user@example.com (ChatGPT plus) added: " + dir.resolve("auth"));
    assertThat(dir.resolve("auth/codex-user@example.com.json")).exists();
  }

  @Test
  void theDeviceFlowUsesTheConfiguredAuthServer() {
    auth.pendingPolls(1);
    BrowserOpener showsTheDevicePage =
        new BrowserOpener("Linux", Map.of("DISPLAY", ":0"), uri -> true, command -> true);
    assertThat(run(showsTheDevicePage, CodexLoginCommand.Flow.DEVICE)).isZero();
    assertThat(auth.devicePolls()).isEqualTo(2);
  }

  @Test
  void aBusyPortExitsThirteenNamingThePort() throws Exception {
    try (ServerSocket busy = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(run(signingIn(), CodexLoginCommand.Flow.BROWSER)).isEqualTo(13);
    }
    assertThat(err.toString()).contains("Codex login failed", "Port " + port, "--no-browser");
  }

  @Test
  void aStateMismatchAndARefusedExchangeHaveTheirOwnCodes() {
    HttpClient http = HttpClient.newHttpClient();
    BrowserOpener forged =
        new BrowserOpener(
            "Linux",
            Map.of("DISPLAY", ":0"),
            uri -> false,
            command -> {
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + port + "/auth/callback?code=c1&state=forged"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
              return true;
            });
    assertThat(run(forged, CodexLoginCommand.Flow.BROWSER)).isEqualTo(10);
    assertThat(LoginExitCode.of(dev.cliproxy.auth.oauth.LoginException.Reason.DENIED).status())
        .isEqualTo(11);
    assertThat(LoginExitCode.of(dev.cliproxy.auth.oauth.LoginException.Reason.TIMED_OUT).status())
        .isEqualTo(12);
    assertThat(
            LoginExitCode.of(dev.cliproxy.auth.oauth.LoginException.Reason.EXCHANGE_FAILED)
                .status())
        .isEqualTo(14);
  }
}
