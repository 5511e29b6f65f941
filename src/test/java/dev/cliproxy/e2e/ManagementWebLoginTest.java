package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.provider.claude.ClaudeKind;
import dev.cliproxy.provider.claude.ClaudeLoginCommand;
import dev.cliproxy.testing.FakeClaudeAuth;
import dev.cliproxy.testing.RunningProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Claude login run from the web UI through the management API, against a fake Anthropic OAuth
 * server: the UI gets the sign-in URL, the redirect comes back pasted or to the loopback listener,
 * the account is saved and listed, and the status says how it went.
 */
class ManagementWebLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "mgmt-login-key";
  private static final String EMAIL = "web@example.com";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private FakeClaudeAuth auth;
  private RunningProxy proxy;
  private int callbackPort;

  @BeforeEach
  void start() throws Exception {
    auth = FakeClaudeAuth.start(EMAIL);
    try (ServerSocket socket = new ServerSocket(0)) {
      callbackPort = socket.getLocalPort();
    }
    BrowserOpener never = new BrowserOpener("Linux", Map.of(), uri -> false, command -> false);
    proxy =
        RunningProxy.start(
            dir,
            "endpoints:\n  claude:\n    authorize: "
                + auth.authorizeUrl()
                + "\n    token: "
                + auth.tokenUrl()
                + "\nremote-management:\n  secret-key: \""
                + BcryptHash.of(KEY)
                + "\"\n",
            ProxyWiring.standard()
                .withKinds(List.of(new ClaudeKind(new ClaudeLoginCommand(never, callbackPort)))));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    auth.close();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> answer =
        proxy.send(proxy.get("/v0/management" + path).header("X-Management-Key", KEY));
    return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(answer.body()))
        .put("_status", answer.statusCode());
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> answer =
        proxy.send(proxy.post("/v0/management" + path, body).header("X-Management-Key", KEY));
    return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(answer.body()))
        .put("_status", answer.statusCode());
  }

  private String statusOf(String state) throws Exception {
    return get("/get-auth-status?state=" + state).path("status").asText();
  }

  private boolean finished(String state) {
    return RunningProxy.eventually(
        WAIT,
        () -> {
          try {
            return !statusOf(state).equals("wait");
          } catch (Exception e) {
            return false;
          }
        });
  }

  @Test
  void aPastedRedirectAddressFinishesTheLoginAndTheAccountIsListed() throws Exception {
    JsonNode started = get("/anthropic-auth-url?is_webui=true");

    assertThat(started.path("_status").asInt()).as(started.toString()).isEqualTo(200);
    assertThat(started.path("status").asText()).isEqualTo("ok");
    URI url = URI.create(started.path("url").asText());
    String state = started.path("state").asText();
    assertThat(url.toString()).startsWith(auth.authorizeUrl()).contains("state=" + state);
    assertThat(statusOf(state)).isEqualTo("wait");

    URI redirect = auth.approve(url);
    JsonNode pasted =
        post(
            "/oauth-callback",
            "{\"provider\":\"anthropic\",\"redirect_url\":\"" + redirect + "\"}");

    assertThat(pasted.path("_status").asInt()).as(pasted.toString()).isEqualTo(200);
    assertThat(finished(state)).isTrue();
    assertThat(statusOf(state)).isEqualTo("ok");
    assertThat(proxy.authDir().resolve("claude-" + EMAIL + ".json")).exists();
    assertThat(get("/auth-files").path("files").get(0).path("email").asText()).isEqualTo(EMAIL);
    JsonNode again =
        post(
            "/oauth-callback",
            "{\"provider\":\"anthropic\",\"redirect_url\":\"" + redirect + "\"}");
    assertThat(again.path("_status").asInt()).isEqualTo(409);
  }

  @Test
  void aBrowserOnThisMachineReachesTheLoopbackListener() throws Exception {
    JsonNode started = get("/anthropic-auth-url");
    String state = started.path("state").asText();
    URI redirect = auth.approve(URI.create(started.path("url").asText()));

    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + callbackPort
                                + redirect.getRawPath()
                                + "?"
                                + redirect.getRawQuery()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(finished(state)).isTrue();
    assertThat(statusOf(state)).isEqualTo("ok");
    assertThat(Files.exists(proxy.authDir().resolve("claude-" + EMAIL + ".json"))).isTrue();
  }

  @Test
  void aRefusedConsentIsAnErrorTheUiCanShow() throws Exception {
    JsonNode started = get("/anthropic-auth-url");
    String state = started.path("state").asText();

    JsonNode pasted =
        post(
            "/oauth-callback",
            "{\"provider\":\"anthropic\",\"state\":\"" + state + "\",\"error\":\"access_denied\"}");

    assertThat(pasted.path("_status").asInt()).as(pasted.toString()).isEqualTo(200);
    assertThat(finished(state)).isTrue();
    JsonNode status = get("/get-auth-status?state=" + state);
    assertThat(status.path("status").asText()).isEqualTo("error");
    assertThat(status.path("error").asText()).isNotBlank();
    try (var files = Files.list(proxy.authDir())) {
      assertThat(files.filter(p -> p.toString().endsWith(".json"))).isEmpty();
    }
  }

  @Test
  void unknownStatesAndCancelledLoginsAreSaidSo() throws Exception {
    assertThat(get("/get-auth-status?state=nope").path("error").asText())
        .isEqualTo("unknown or expired state");
    assertThat(
            post("/oauth-callback", "{\"redirect_url\":\"http://localhost/cb?code=c&state=nope\"}")
                .path("_status")
                .asInt())
        .isEqualTo(404);
    assertThat(get("/get-auth-status").path("_status").asInt()).isEqualTo(400);

    String state = get("/anthropic-auth-url").path("state").asText();
    HttpResponse<String> cancelled =
        proxy.send(
            proxy
                .get("/v0/management/oauth-session?state=" + state)
                .DELETE()
                .header("X-Management-Key", KEY));

    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(finished(state)).isTrue();
    assertThat(get("/get-auth-status?state=" + state).path("error").asText()).contains("cancelled");
    assertThat(get("/codex-auth-url").path("_status").asInt())
        .as("only the kinds this proxy was built with have logins")
        .isEqualTo(404);
  }
}
