package dev.cliproxy.cli;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.provider.claude.ClaudeEndpoints;
import dev.cliproxy.provider.claude.ClaudeLogin;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code --claude-login [--no-browser]}: reads the config as the server does (auth-dir, the
 * endpoints.claude overrides, proxy-url), signs in, saves the account, and exits with a code that
 * says how it ended ({@link LoginExitCode}).
 */
final class ClaudeLoginCommand {
  private ClaudeLoginCommand() {}

  /** Runs the login on this machine's browser and the registered callback port. */
  static int run(
      Path explicitConfig, boolean noBrowser, PrintWriter out, PrintWriter err, Reader in) {
    return run(
        explicitConfig,
        noBrowser,
        out,
        err,
        in,
        BrowserOpener.system(),
        ClaudeLogin.defaultCallbackPort());
  }

  static int run(
      Path explicitConfig,
      boolean noBrowser,
      PrintWriter out,
      PrintWriter err,
      Reader in,
      BrowserOpener browser,
      int callbackPort) {
    Config config;
    try {
      config = LoginConfig.read(explicitConfig);
    } catch (ConfigException e) {
      err.println("Cannot log in: " + e.getMessage());
      err.flush();
      return LoginExitCode.CONFIG_INVALID.status();
    }
    try (UpstreamClients clients = new UpstreamClients()) {
      ClaudeLogin login =
          new ClaudeLogin(
              ClaudeEndpoints.of(config.endpoints()),
              clients.forProxy(config.proxyUrl()),
              new AuthDirectory(config.authDir()),
              browser,
              out,
              in,
              Clock.systemDefaultZone(),
              callbackPort);
      login.run(noBrowser);
      out.println("A running proxy picks the account up by itself; otherwise start it now.");
      out.flush();
      return LoginExitCode.OK.status();
    } catch (LoginException e) {
      err.println("Claude login failed: " + e.getMessage());
      err.flush();
      return LoginExitCode.of(e.reason()).status();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Claude login interrupted; nothing was saved.");
      err.flush();
      return LoginExitCode.INTERRUPTED.status();
    }
  }
}
