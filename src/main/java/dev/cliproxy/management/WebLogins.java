package dev.cliproxy.management;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.config.Config;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logins started from the web UI, by OAuth state. Each runs the provider kind's own login flow
 * on a virtual thread, unattended: the sign-in URL is handed back to the UI instead of a browser,
 * the provider's redirect arrives at the flow's loopback listener (a browser on this machine) or is
 * pasted into the UI and passed on as typed input, and prompts take their defaults. A finished
 * login is remembered for a while so the UI can read how it ended; few run at once.
 */
final class WebLogins implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebLogins.class);
  private static final int MAX_RUNNING = 8;
  private static final Duration URL_WAIT = Duration.ofSeconds(20);
  private static final Duration LONGEST = Duration.ofMinutes(10);
  private static final Duration REMEMBERED = Duration.ofMinutes(10);

  private final Clock clock;
  private final Function<Config, HttpClient> http;
  private final AuthFileRoutes.Store store;
  private final Map<String, WebLogin> byState = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  WebLogins(Clock clock, Function<Config, HttpClient> http, AuthFileRoutes.Store store) {
    this.clock = clock;
    this.http = http;
    this.store = store;
  }

  /** What a started login answers: its state and the URL the user signs in at. */
  record Started(String state, URI url) {}

  /**
   * Starts a login and waits until its flow has the sign-in URL.
   *
   * @throws ManagementError 429 when too many run, 409 when the flow failed before its URL
   */
  Started start(String provider, LoginFlag flag, Config config, Map<String, String> options) {
    forgetOld();
    long running =
        byState.values().stream().filter(l -> l.status() == WebLogin.Status.WAIT).count();
    if (running >= MAX_RUNNING) {
      throw new ManagementError(
          429, "too many logins in progress", "finish or cancel one (DELETE /oauth-session)");
    }
    CompletableFuture<URI> url = new CompletableFuture<>();
    BrowserOpener handOff = new BrowserOpener("", Map.of(), uri -> url.complete(uri), cmd -> false);
    WebLogin login = new WebLogin(provider, clock.instant());
    LoginSession session =
        new LoginSession(
            config,
            http.apply(config),
            false,
            new PrintWriter(Writer.nullWriter(), true),
            login.input(),
            Optional.empty(),
            options,
            Optional.of(handOff),
            true);
    Thread runner =
        Thread.ofVirtual()
            .name("web-login-" + provider)
            .unstarted(() -> run(login, flag, session, url));
    login.runsOn(runner);
    runner.start();
    URI signIn;
    try {
      signIn = url.get(URL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ManagementError(409, "login could not start", e.getCause().getMessage());
    } catch (TimeoutException e) {
      login.cancel(clock.instant());
      throw new ManagementError(
          504, "login could not start", "the sign-in URL did not come within " + URL_WAIT);
    } catch (InterruptedException e) {
      login.cancel(clock.instant());
      Thread.currentThread().interrupt();
      throw new ManagementError(503, "login could not start", "the proxy is stopping");
    }
    // The flow's own OAuth state names the login: the UI polls with it, and a pasted redirect
    // address carries it.
    String state =
        queryParam(signIn, "state")
            .orElseGet(() -> "login-" + HexFormat.of().formatHex(randomBytes(12)));
    login.name(state);
    byState.put(state, login);
    return new Started(state, signIn);
  }

  /** The login with this state, if it is still remembered. */
  Optional<WebLogin> find(String state) {
    forgetOld();
    return Optional.ofNullable(byState.get(state));
  }

  private void run(
      WebLogin login, LoginFlag flag, LoginSession session, CompletableFuture<URI> url) {
    try {
      flag.flow().run(session);
      try {
        store.applyNow();
      } catch (IOException e) {
        log.warn(
            "web login saved an account, but the auth directory could not be read: {}",
            e.toString());
      }
      login.succeeded(clock.instant());
      log.info("web login for {} succeeded", login.provider());
    } catch (LoginException e) {
      login.failed(e.getMessage(), clock.instant());
      url.completeExceptionally(e);
      log.warn("web login for {} failed: {}", login.provider(), e.getMessage());
    } catch (InterruptedException e) {
      login.failed("the login was cancelled", clock.instant());
      url.completeExceptionally(e);
    } catch (RuntimeException e) {
      login.failed("the login failed: " + e, clock.instant());
      url.completeExceptionally(e);
      log.error("web login for {} failed", login.provider(), e);
    }
  }

  private void forgetOld() {
    Instant now = clock.instant();
    byState
        .values()
        .removeIf(login -> {
          if (login.status() == WebLogin.Status.WAIT
              && login.started().plus(LONGEST).isBefore(now)) {
            login.cancel(now);
          }
          return login.finished().map(at -> at.plus(REMEMBERED).isBefore(now)).orElse(false);
        });
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Stops one login. */
  void cancel(WebLogin login) {
    login.cancel(clock.instant());
  }

  /** Stops every login still running. */
  @Override
  public void close() {
    Instant now = clock.instant();
    byState.values().forEach(login -> login.cancel(now));
    byState.clear();
  }

  static Optional<String> queryParam(URI uri, String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name) && eq >= 0) {
        return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
