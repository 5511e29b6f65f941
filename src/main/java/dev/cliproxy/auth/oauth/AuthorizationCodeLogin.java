package dev.cliproxy.auth.oauth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * The browser half of an OAuth authorization-code login with PKCE, shared by every provider: start
 * the loopback callback server, open the authorize URL (or print it with {@code --no-browser}),
 * take the first of the browser's redirect and an address pasted on stdin, and check the state. The
 * provider then exchanges the returned {@link Grant} for tokens.
 */
public final class AuthorizationCodeLogin {

  /**
   * How one provider's login looks.
   *
   * @param providerName for messages and the browser page, e.g. {@code Codex}
   * @param callbackPort the port the provider's registered redirect URI names (1455 for Codex)
   * @param callbackPath the redirect path, e.g. {@code /auth/callback}
   * @param redirectUri exactly as registered with the provider, e.g. {@code
   *     http://localhost:1455/auth/callback}
   * @param timeout how long to wait for the redirect (5 minutes in the reference)
   */
  public record Settings(
      String providerName,
      int callbackPort,
      String callbackPath,
      String redirectUri,
      Duration timeout) {}

  /** What the provider exchanges for tokens: the code, the PKCE verifier, and the redirect URI. */
  public record Grant(String code, String state, Pkce pkce, String redirectUri) {
    @Override
    public String toString() {
      return "Grant[<hidden>]";
    }
  }

  private final Settings settings;
  private final BrowserOpener browser;
  private final PrintWriter out;
  private final Reader in;
  private final TerminalLines lines;

  /**
   * @param browser opens the authorize URL unless {@code --no-browser}
   * @param out the terminal, for the URL and instructions
   * @param in the terminal's input, for a pasted redirect address
   */
  public AuthorizationCodeLogin(
      Settings settings, BrowserOpener browser, PrintWriter out, Reader in) {
    this.settings = settings;
    this.browser = browser;
    this.out = out;
    this.in = in;
    this.lines = null;
  }

  /**
   * A login that shares the terminal with the steps after it (a question asked once signed in): the
   * wait for a pasted address takes lines from {@code lines} and leaves them when it ends.
   */
  public AuthorizationCodeLogin(
      Settings settings, BrowserOpener browser, PrintWriter out, TerminalLines lines) {
    this.settings = settings;
    this.browser = browser;
    this.out = out;
    this.in = null;
    this.lines = lines;
  }

  /**
   * Runs the browser part of the login.
   *
   * @param authorizeUrl builds the provider's authorize URL from the state and PKCE pair
   * @param noBrowser print the URL instead of opening a browser; a busy callback port is then not
   *     an error, since the redirect can be pasted
   * @throws LoginException when the port is busy, consent is refused, the state does not match, or
   *     nothing arrives in time
   */
  public Grant run(BiFunction<OAuthState, Pkce, URI> authorizeUrl, boolean noBrowser)
      throws LoginException, InterruptedException {
    OAuthState state = OAuthState.generate();
    Pkce pkce = Pkce.generate();
    URI url = authorizeUrl.apply(state, pkce);
    LoopbackCallbackServer server = null;
    try {
      try {
        server =
            LoopbackCallbackServer.start(
                settings.callbackPort(), settings.callbackPath(), settings.providerName());
        server.expectState(state);
      } catch (CallbackPortBusyException busy) {
        if (!noBrowser) {
          throw new LoginException(LoginException.Reason.PORT_BUSY, busy.getMessage(), busy);
        }
      } catch (IOException e) {
        if (!noBrowser) {
          throw new LoginException(
              LoginException.Reason.PORT_BUSY,
              "Could not listen on 127.0.0.1:"
                  + settings.callbackPort()
                  + " for the login redirect ("
                  + e.getMessage()
                  + "); run the login with --no-browser and paste the redirect address instead.",
              e);
        }
      }
      if (!noBrowser) {
        out.println("Opening the " + settings.providerName() + " sign-in page in your browser.");
        if (!browser.open(url)) {
          out.println("Could not open a browser here.");
        }
        out.println("If it did not open, visit this URL (or paste the redirect address below):");
        out.println();
        out.println("  " + url);
        out.println();
        out.flush();
      }
      CallbackResult result = awaitFirst(server, url.toString(), noBrowser);
      return grant(result, state, pkce);
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** The first of the loopback redirect and a pasted address, or a time-out. */
  private CallbackResult awaitFirst(
      LoopbackCallbackServer server, String url, boolean printPasteInstructions)
      throws InterruptedException {
    CompletableFuture<CallbackResult> first = new CompletableFuture<>();
    if (server != null) {
      Thread.ofVirtual()
          .name("oauth-callback-wait")
          .start(() -> {
            try {
              first.complete(server.await(settings.timeout()));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    Thread paste =
        Thread.ofVirtual()
            .name("oauth-paste-wait")
            .start(() -> {
              Optional<CallbackResult> pasted = pasted(url, printPasteInstructions);
              if (pasted.isPresent()) {
                first.complete(pasted.get());
              } else if (server == null) {
                // Input ended and no redirect can reach us: nothing more can arrive.
                first.complete(new CallbackResult.TimedOut());
              }
              // Otherwise the input ended (stdin closed, not a terminal) but the loopback
              // redirect may still come.
            });
    try {
      return first.get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new CallbackResult.TimedOut();
    } catch (ExecutionException e) {
      throw new IllegalStateException("login wait failed", e.getCause());
    } finally {
      paste.interrupt();
    }
  }

  /**
   * Reads pasted addresses until one parses; blank lines are skipped and a line that is not a
   * redirect address is explained, then another is read. Empty when the input ends, fails or the
   * wait is over.
   */
  private Optional<CallbackResult> pasted(String url, boolean printInstructions) {
    if (printInstructions) {
      PastedCallback.printInstructions(url, out);
    }
    if (this.lines != null) {
      return pastedLine();
    }
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    try {
      while (true) {
        String line = lines.readLine();
        if (line == null) {
          return Optional.empty();
        }
        if (line.isBlank()) {
          continue;
        }
        try {
          return Optional.of(PastedCallback.parse(line));
        } catch (IllegalArgumentException e) {
          out.println(e.getMessage());
          out.flush();
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** As {@link #pasted}, from the shared terminal lines. */
  private Optional<CallbackResult> pastedLine() {
    try {
      while (true) {
        Optional<String> line = lines.next();
        if (line.isEmpty()) {
          return Optional.empty();
        }
        if (line.get().isBlank()) {
          continue;
        }
        try {
          return Optional.of(PastedCallback.parse(line.get()));
        } catch (IllegalArgumentException e) {
          out.println(e.getMessage());
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      return Optional.empty();
    }
  }

  private Grant grant(CallbackResult result, OAuthState state, Pkce pkce) throws LoginException {
    return switch (result) {
      case CallbackResult.Code code -> {
        String value = code.code();
        String returnedState = code.state();
        int hash = value.indexOf('#');
        if (hash >= 0) {
          // Claude's console shows "code#state" for copying; the part after '#' is the state.
          if (returnedState.isEmpty()) {
            returnedState = value.substring(hash + 1);
          }
          value = value.substring(0, hash);
        }
        if (!state.matches(returnedState)) {
          throw new LoginException(
              LoginException.Reason.STATE_MISMATCH,
              "The OAuth state returned by "
                  + settings.providerName()
                  + " does not match this login (a stale browser tab, or a forged request)."
                  + " Start the login again and finish it in the tab it opens.");
        }
        yield new Grant(value, returnedState, pkce, settings.redirectUri());
      }
      case CallbackResult.Denied denied ->
          throw new LoginException(
              LoginException.Reason.DENIED,
              settings.providerName()
                  + " did not grant access ("
                  + denied.error()
                  + (denied.description().isEmpty() ? "" : ": " + denied.description())
                  + "). Start the login again and approve the request.");
      case CallbackResult.TimedOut timedOut ->
          throw new LoginException(
              LoginException.Reason.TIMED_OUT,
              "No sign-in arrived within "
                  + describe(settings.timeout())
                  + ". Start the login again; on a machine without a browser use"
                  + " --no-browser and paste the redirect address.");
    };
  }

  /** "5 minutes", "90 seconds": the wait as the user set it up, for messages. */
  private static String describe(Duration timeout) {
    if (timeout.toSeconds() % 60 == 0 && timeout.toMinutes() > 0) {
      long minutes = timeout.toMinutes();
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    long seconds = Math.max(1, timeout.toSeconds());
    return seconds + (seconds == 1 ? " second" : " seconds");
  }
}
