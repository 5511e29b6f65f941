package dev.cliproxy.cli;

import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginSession;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What every login flag does around its provider's flow: read the config the server would read,
 * give the flow an HTTP client through the configured outbound proxy, and turn the outcome into a
 * message and an exit status ({@link LoginExitCode}).
 */
final class LoginRun {
  private final ConfigLoader loader;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Reader in;

  /**
   * @param loader reads the config, with every provider kind's sections
   * @param out where the flow talks to the user
   * @param err where failures are reported
   * @param in what the user types
   */
  LoginRun(ConfigLoader loader, PrintWriter out, PrintWriter err, Reader in) {
    this.loader = loader;
    this.out = out;
    this.err = err;
    this.in = in;
  }

  /**
   * Runs one login.
   *
   * @param explicitConfig {@code --config}, or null for {@code ./config.yaml} or the defaults
   * @param noBrowser {@code --no-browser}
   * @param argument the login flag's value, for a flag that takes one
   * @param options the login options given, by name
   * @return the exit status
   */
  int run(
      LoginFlag login,
      Path explicitConfig,
      boolean noBrowser,
      Optional<String> argument,
      Map<String, String> options) {
    Config config;
    try {
      config = LoginConfig.read(explicitConfig, loader);
    } catch (ConfigException e) {
      err.println("Cannot log in: " + e.getMessage());
      err.flush();
      return LoginExitCode.CONFIG_INVALID.status();
    }
    try (UpstreamClients clients = new UpstreamClients()) {
      login
          .flow()
          .run(
              new LoginSession(
                  config,
                  clients.forProxy(config.proxyUrl()),
                  noBrowser,
                  out,
                  in,
                  argument,
                  options));
      out.println(
          "A running proxy picks the account up from "
              + config.authDir()
              + " by itself; otherwise start it now.");
      out.flush();
      return LoginExitCode.OK.status();
    } catch (LoginException e) {
      err.println(login.provider() + " login failed: " + e.getMessage());
      err.flush();
      return LoginExitCode.of(e.reason()).status();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(login.provider() + " login interrupted; nothing was saved.");
      err.flush();
      return LoginExitCode.INTERRUPTED.status();
    }
  }
}
