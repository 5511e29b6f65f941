package dev.cliproxy.cli;

import dev.cliproxy.config.Config;
import java.util.List;

/**
 * What the log says when the proxy starts without a config file: the defaults in force, and how to
 * add accounts (each provider kind's main login flag) or upstreams.
 */
final class DefaultsNotice {
  private DefaultsNotice() {}

  static String of(Config c, ProviderKinds kinds) {
    List<String> logins =
        kinds.mainLogins().stream()
            .map(login -> login.flag() + login.paramLabel().map(label -> " " + label).orElse(""))
            .toList();
    String addAccount =
        logins.isEmpty()
            ? "  Create config.yaml"
            : "  Add an account with ./cli-proxy-api "
                + String.join(" or ", logins)
                + " (picked up while running), or create config.yaml";
    return "  host: "
        + c.bindHost()
        + "\n  port: "
        + c.port()
        + "\n  auth-dir: "
        + c.authDir()
        + "\n  api-keys: none (loopback only)"
        + "\n  openai-compatibility: none"
        + "\n"
        + addAccount
        + " (see README) for API keys and upstreams, then restart; after that, edits apply"
        + " without a restart.";
  }
}
