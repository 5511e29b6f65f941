package dev.cliproxy.cli;

import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.gateway.UpstreamClients;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What every login command does around its provider's flow: read the config the server would read,
 * give the flow HTTP clients through the configured outbound proxy, and turn the outcome into a
 * message and an exit status ({@link LoginExitCode}).
 */
final class LoginRun {

  /** One provider's login, given the config and HTTP clients. */
  @FunctionalInterface
  interface Flow {
    void run(Config config, UpstreamClients clients) throws LoginException, InterruptedException;
  }

  private LoginRun() {}

  /**
   * @param provider for messages, e.g. {@code Claude}
   * @param explicitConfig {@code --config}, or null for {@code ./config.yaml} or the defaults
   * @return the exit status
   */
  static int run(
      String provider, Path explicitConfig, PrintWriter out, PrintWriter err, Flow flow) {
    Config config;
    try {
      config = LoginConfig.read(explicitConfig);
    } catch (ConfigException e) {
      err.println("Cannot log in: " + e.getMessage());
      err.flush();
      return LoginExitCode.CONFIG_INVALID.status();
    }
    try (UpstreamClients clients = new UpstreamClients()) {
      flow.run(config, clients);
      out.println(
          "A running proxy picks the account up from "
              + config.authDir()
              + " by itself; otherwise start it now.");
      out.flush();
      return LoginExitCode.OK.status();
    } catch (LoginException e) {
      err.println(provider + " login failed: " + e.getMessage());
      err.flush();
      return LoginExitCode.of(e.reason()).status();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(provider + " login interrupted; nothing was saved.");
      err.flush();
      return LoginExitCode.INTERRUPTED.status();
    }
  }
}
