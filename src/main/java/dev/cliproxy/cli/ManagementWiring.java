package dev.cliproxy.cli;

import dev.cliproxy.auth.Accounts;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.management.AuthFileRoutes;
import dev.cliproxy.management.ConsolePages;
import dev.cliproxy.management.ControlPanelPage;
import dev.cliproxy.management.ManagementModule;
import dev.cliproxy.management.ManagementRoutes;
import dev.cliproxy.management.ServerInfoRoutes;
import dev.cliproxy.management.WebLoginRoutes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The management API's module with its endpoint groups, each given what it needs of the running
 * proxy; closing it stops what the groups run in the background (logins from the web UI).
 */
final class ManagementWiring implements AutoCloseable {
  private final ManagementModule module;
  private final WebLoginRoutes webLogins;

  /**
   * @param configFile the config file; the Management Center's page sits in {@code static/} beside
   *     it unless {@code MANAGEMENT_STATIC_PATH} says otherwise
   * @param authFiles the auth directory in use, and applying it to the running proxy now
   */
  ManagementWiring(
      ProxyApplication.Wiring wiring,
      Path configFile,
      Clock clock,
      Gateway gateway,
      Accounts accounts,
      UpstreamClients clients,
      AuthFileRoutes.Store authFiles) {
    String version = Main.Version.current();
    this.webLogins =
        new WebLoginRoutes(
            wiring.kinds().webLogins(),
            clock,
            config -> clients.forProxy(config.proxyUrl()),
            authFiles);
    List<ManagementRoutes> groups =
        List.of(
            new ServerInfoRoutes(version),
            new ConsolePages(wiring.managementPassword()),
            new AuthFileRoutes(authFiles, accounts::status, () -> gateway.pool().status()),
            webLogins,
            new ControlPanelPage(
                configFile, Optional.ofNullable(System.getenv("MANAGEMENT_STATIC_PATH"))));
    this.module = new ManagementModule(wiring.managementPassword(), version, clock, groups);
  }

  ManagementModule module() {
    return module;
  }

  @Override
  public void close() {
    webLogins.close();
  }
}
