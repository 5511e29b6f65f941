package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeHttpForwardProxy;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.FakeSocks5Proxy;
import dev.cliproxy.testing.RunningProxy;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream calls go through the configured outbound proxy (SOCKS5 or HTTP, with credentials), and a
 * key's own {@code proxy-url} wins over the global one.
 */
class UpstreamProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT =
      "{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @TempDir Path dir;
  FakeOpenAiUpstream upstream;
  final List<AutoCloseable> running = new ArrayList<>();

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = FakeOpenAiUpstream.start("up");
  }

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
    upstream.close();
  }

  private <T extends AutoCloseable> T started(T thing) {
    running.add(thing);
    return thing;
  }

  /**
   * The proxy with one upstream {@code Up} serving {@code up-model}.
   *
   * @param globalProxy the top-level {@code proxy-url}, empty for none
   * @param keyEntries the {@code api-key-entries} items, from {@link #key}
   */
  private RunningProxy proxy(String globalProxy, String keyEntries) throws Exception {
    String yaml =
        (globalProxy.isEmpty() ? "" : "proxy-url: " + globalProxy + "\n")
            + """
            openai-compatibility:
              - name: Up
                base-url: %s
                api-key-entries:
            %s
                models:
                  - name: up-model
            """
                .formatted(upstream.baseUrl(), keyEntries.stripTrailing());
    return started(RunningProxy.start(dir, yaml));
  }

  private static String key(String apiKey) {
    return "      - api-key: " + apiKey + "\n";
  }

  private static String key(String apiKey, String proxyUrl) {
    return key(apiKey) + "        proxy-url: " + proxyUrl + "\n";
  }

  private static HttpResponse<String> chat(RunningProxy proxy, String body) throws Exception {
    return proxy.send(proxy.post("/v1/chat/completions", body));
  }

  private int upstreamPort() {
    return URI.create(upstream.baseUrl()).getPort();
  }

  private static String answerText(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body())
        .path("choices")
        .path(0)
        .path("message")
        .path("content")
        .asText();
  }

  private List<String> upstreamKeys() {
    return upstream.received().stream().map(r -> r.header("authorization")).toList();
  }

  private static int count(String haystack, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  // --- SOCKS5 ---------------------------------------------------------------------------------

  @Test
  void requestsGoThroughTheGlobalSocks5ProxyWithItsCredentials() throws Exception {
    FakeSocks5Proxy socks = started(FakeSocks5Proxy.start("alice", "secret"));
    RunningProxy proxy = proxy("socks5://alice:secret@127.0.0.1:" + socks.port(), key("up-1"));

    HttpResponse<String> plain = chat(proxy, CHAT);
    HttpResponse<String> streamed =
        chat(
            proxy,
            "{\"model\":\"up-model\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"streamed\"}]}");

    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(answerText(plain)).isEqualTo("echo: hi");
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    assertThat(streamed.body()).contains("\"content\":\"echo\"", "data: [DONE]");

    assertThat(socks.tunnels()).isNotEmpty();
    for (FakeSocks5Proxy.Handshake tunnel : socks.tunnels()) {
      assertThat(tunnel.user()).hasValue("alice");
      assertThat(tunnel.password()).hasValue("secret");
      assertThat(tunnel.target()).hasValue("127.0.0.1:" + upstreamPort());
    }
    assertThat(socks.handshakes()).allMatch(FakeSocks5Proxy.Handshake::authenticated);
    assertThat(count(socks.allSentText(), "POST /v1/chat/completions HTTP/1.1"))
        .as("both requests went through the tunnel")
        .isEqualTo(2);
    assertThat(upstreamKeys()).containsExactly("Bearer up-1", "Bearer up-1");
  }

  @Test
  void wrongSocks5CredentialsAre502WithoutThePassword() throws Exception {
    FakeSocks5Proxy socks = started(FakeSocks5Proxy.start("alice", "secret"));
    String wrongPassword = "not-the-secret-9Qz";
    RunningProxy proxy =
        proxy("socks5://alice:" + wrongPassword + "@127.0.0.1:" + socks.port(), key("up-1"));

    HttpResponse<String> response = chat(proxy, CHAT);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("upstream_unreachable");
    assertThat(error.path("message").asText()).contains("'up'");
    assertThat(response.body()).doesNotContain(wrongPassword, "secret");
    assertThat(socks.handshakes())
        .as("the proxy was asked, with the configured credentials, and said no")
        .isNotEmpty()
        .allSatisfy(h -> {
          assertThat(h.user()).hasValue("alice");
          assertThat(h.password()).hasValue(wrongPassword);
          assertThat(h.authenticated()).isFalse();
          assertThat(h.target()).isEmpty();
        });
    assertThat(upstream.received()).isEmpty();
  }

  // --- HTTP proxy -----------------------------------------------------------------------------

  @Test
  void requestsGoThroughAnHttpProxyInAbsoluteFormWithBasicAuth() throws Exception {
    FakeHttpForwardProxy http = started(FakeHttpForwardProxy.start("bob", "pw"));
    RunningProxy proxy = proxy("http://bob:pw@127.0.0.1:" + http.port(), key("up-1"));

    HttpResponse<String> response = chat(proxy, CHAT);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(answerText(response)).isEqualTo("echo: hi");
    assertThat(http.forwarded()).hasSize(1);
    FakeHttpForwardProxy.Forwarded seen = http.forwarded().getFirst();
    assertThat(seen.requestLine())
        .isEqualTo("POST http://127.0.0.1:" + upstreamPort() + "/v1/chat/completions HTTP/1.1");
    assertThat(seen.header("proxy-authorization")).isEqualTo("Basic " + base64("bob:pw"));
    assertThat(seen.header("authorization")).isEqualTo("Bearer up-1");
    assertThat(seen.status()).isEqualTo(200);
    assertThat(upstreamKeys()).containsExactly("Bearer up-1");
  }

  @Test
  void wrongHttpProxyCredentialsAre502WithoutThePassword() throws Exception {
    FakeHttpForwardProxy http = started(FakeHttpForwardProxy.start("bob", "pw"));
    String wrongPassword = "not-the-pw-4Kx";
    RunningProxy proxy =
        proxy("http://bob:" + wrongPassword + "@127.0.0.1:" + http.port(), key("up-1"));

    HttpResponse<String> response = chat(proxy, CHAT);

    assertThat(http.forwarded())
        .as("the proxy was asked with the configured credentials and answered 407")
        .isNotEmpty()
        .allSatisfy(f -> {
          assertThat(f.header("proxy-authorization"))
              .isEqualTo("Basic " + base64("bob:" + wrongPassword));
          assertThat(f.status()).isEqualTo(407);
        });
    assertThat(response.statusCode())
        .as("the outbound proxy's 407 is not the client's business: %s", response.body())
        .isEqualTo(502);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("upstream_unreachable");
    assertThat(error.path("message").asText()).contains("'up'", "proxy-url", "407");
    assertThat(response.body()).doesNotContain(wrongPassword, base64("bob:" + wrongPassword));
    assertThat(upstream.received()).isEmpty();
  }

  // --- per-key proxy --------------------------------------------------------------------------

  @Test
  void aKeysOwnProxyOverridesTheGlobalOne() throws Exception {
    FakeSocks5Proxy socks = started(FakeSocks5Proxy.start("alice", "secret"));
    FakeHttpForwardProxy http = started(FakeHttpForwardProxy.start("bob", "pw"));
    RunningProxy proxy =
        proxy(
            "socks5://alice:secret@127.0.0.1:" + socks.port(),
            key("key-a") + key("key-b", "http://bob:pw@127.0.0.1:" + http.port()));

    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = chat(proxy, CHAT);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    assertThat(upstreamKeys())
        .as("round robin used both keys")
        .containsExactlyInAnyOrder("Bearer key-a", "Bearer key-a", "Bearer key-b", "Bearer key-b");
    assertThat(http.forwarded())
        .as("the HTTP proxy carried key-b's requests and nothing else")
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.header("authorization")).isEqualTo("Bearer key-b"));
    String tunnelled = socks.allSentText();
    assertThat(count(tunnelled, "Bearer key-a"))
        .as("key-a went through the global SOCKS5 proxy")
        .isEqualTo(2);
    assertThat(tunnelled).doesNotContain("key-b");
  }

  @Test
  void aKeyWithItsOwnProxyUsesItWhileTheOtherGoesDirect() throws Exception {
    FakeSocks5Proxy socks = started(FakeSocks5Proxy.start("alice", "secret"));
    RunningProxy proxy =
        proxy("", key("key-a") + key("key-b", "socks5://alice:secret@127.0.0.1:" + socks.port()));

    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = chat(proxy, CHAT);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    assertThat(upstreamKeys())
        .containsExactlyInAnyOrder("Bearer key-a", "Bearer key-a", "Bearer key-b", "Bearer key-b");
    String tunnelled = socks.allSentText();
    assertThat(count(tunnelled, "Bearer key-b"))
        .as("key-b went through its SOCKS5 proxy")
        .isEqualTo(2);
    assertThat(tunnelled)
        .as("key-a reached the upstream without the proxy: direct")
        .doesNotContain("key-a");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
