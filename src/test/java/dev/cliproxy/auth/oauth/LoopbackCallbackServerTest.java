package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LoopbackCallbackServerTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterAll
  static void closeClient() {
    HTTP.close();
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void codeArrivesThroughAPlainHttpGetAndStateIsCheckedByTheCaller() throws Exception {
    OAuthState state = OAuthState.generate();
    try (LoopbackCallbackServer server =
        LoopbackCallbackServer.start(0, "/auth/callback", "Codex")) {
      HttpResponse<String> page =
          get(URI.create(server.callbackUri() + "?code=secret-code-123&state=" + state.value()));

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body())
          .contains("Authentication Successful")
          .contains("Codex")
          .doesNotContain("secret-code-123")
          .doesNotContain(state.value());
      CallbackResult result = server.await(Duration.ofSeconds(5));
      assertThat(result).isEqualTo(new CallbackResult.Code("secret-code-123", state.value()));
      assertThat(state.matches(((CallbackResult.Code) result).state())).isTrue();
    }
  }

  @Test
  void stateMismatchIsDetectedByTheCaller() throws Exception {
    OAuthState state = OAuthState.generate();
    try (LoopbackCallbackServer server = LoopbackCallbackServer.start(0, "/callback", "Claude")) {
      get(URI.create(server.callbackUri() + "?code=c&state=forged"));

      CallbackResult result = server.await(Duration.ofSeconds(5));
      assertThat(result).isInstanceOf(CallbackResult.Code.class);
      String returned = ((CallbackResult.Code) result).state();
      assertThat(state.matches(returned)).isFalse();
      assertThatThrownBy(() -> state.check(returned))
          .hasMessageContaining("state parameter is invalid");
    }
  }

  @Test
  void deniedConsentShowsAnEscapedErrorPage() throws Exception {
    try (LoopbackCallbackServer server = LoopbackCallbackServer.start(0, "/callback", "Claude")) {
      HttpResponse<String> page =
          get(
              URI.create(
                  server.callbackUri()
                      + "?error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));

      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body())
          .contains("Authentication Failed")
          .contains("access_denied")
          .contains("&lt;script&gt;")
          .doesNotContain("<script>");
      assertThat(server.await(Duration.ofSeconds(5)))
          .isEqualTo(new CallbackResult.Denied("access_denied", "<script>alert(1)</script>"));
    }
  }

  @Test
  void timesOutWhenNoRedirectArrives() throws Exception {
    try (LoopbackCallbackServer server = LoopbackCallbackServer.start(0, "/callback", "Claude")) {
      long started = System.nanoTime();
      assertThat(server.await(Duration.ofMillis(150))).isInstanceOf(CallbackResult.TimedOut.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void otherPathsFaviconAndCodelessRequestsDoNotEndTheWait() throws Exception {
    try (LoopbackCallbackServer server =
        LoopbackCallbackServer.start(0, "/auth/callback", "Codex")) {
      URI base = server.callbackUri();
      assertThat(get(base.resolve("/favicon.ico")).statusCode()).isEqualTo(404);
      assertThat(get(base.resolve("/other?code=c&state=s")).statusCode()).isEqualTo(404);
      assertThat(get(base).statusCode()).isEqualTo(400);
      HttpResponse<String> post =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "?code=c&state=s"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(server.await(Duration.ofMillis(100))).isInstanceOf(CallbackResult.TimedOut.class);

      get(URI.create(base + "?code=first&state=s"));
      get(URI.create(base + "?code=second&state=s"));
      assertThat(server.await(Duration.ofSeconds(5)))
          .isEqualTo(new CallbackResult.Code("first", "s"));
    }
  }

  @Test
  void busyPortFailsWithAMessageSayingWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> LoopbackCallbackServer.start(port, "/auth/callback", "Codex"))
          .isInstanceOfSatisfying(
              CallbackPortBusyException.class, e -> assertThat(e.port()).isEqualTo(port))
          .hasMessageContaining("Port " + port)
          .hasMessageContaining("--no-browser")
          .hasMessageContaining("ss -ltnp | grep :" + port);
    }
  }

  @Test
  void closeReleasesThePort() throws Exception {
    int port;
    try (LoopbackCallbackServer server = LoopbackCallbackServer.start(0, "/callback", "Claude")) {
      port = server.port();
      assertThat(server.callbackUri().toString())
          .isEqualTo("http://127.0.0.1:" + port + "/callback");
    }
    try (LoopbackCallbackServer again = LoopbackCallbackServer.start(port, "/callback", "Claude")) {
      assertThat(again.port()).isEqualTo(port);
    }
  }

  @Test
  void closingFromAnotherThreadEndsAPendingWait() throws Exception {
    LoopbackCallbackServer server = LoopbackCallbackServer.start(0, "/callback", "Claude");
    Thread closer =
        Thread.ofVirtual()
            .start(() -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              server.close();
            });
    long started = System.nanoTime();
    assertThat(server.await(Duration.ofSeconds(20))).isInstanceOf(CallbackResult.TimedOut.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    closer.join(5000);
  }
}
