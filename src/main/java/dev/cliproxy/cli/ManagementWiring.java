package dev.cliproxy.cli;

import dev.cliproxy.auth.Accounts;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigFile;
import dev.cliproxy.gateway.CredentialTally;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.keypolicy.KeyPolicies;
import dev.cliproxy.keypolicy.SpendHistory;
import dev.cliproxy.logs.LogsDirectory;
import dev.cliproxy.management.ApiKeyRoutes;
import dev.cliproxy.management.AuthFileRoutes;
import dev.cliproxy.management.ConfigFileRoutes;
import dev.cliproxy.management.ConsolePages;
import dev.cliproxy.management.ControlPanelPage;
import dev.cliproxy.management.KeyPolicyRoutes;
import dev.cliproxy.management.LogRoutes;
import dev.cliproxy.management.ManagementModule;
import dev.cliproxy.management.ManagementRoutes;
import dev.cliproxy.management.OAuthExcludedModelsRoutes;
import dev.cliproxy.management.ProviderKeyRoutes;
import dev.cliproxy.management.ScalarSettingRoutes;
import dev.cliproxy.management.ServerInfoRoutes;
import dev.cliproxy.management.UsageRoutes;
import dev.cliproxy.management.VertexImportRoutes;
import dev.cliproxy.management.WebLoginRoutes;
import dev.cliproxy.usage.UsageLedger;
import dev.cliproxy.usage.UsageSettings;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;

/**
 * The management API's module with its endpoint groups, each given what it needs of the running
 * proxy, the usage ledger, whose recorder listens to the gateway, and the client keys' policies the
 * gateway admits requests with (their counters start from the ledger's records); closing it stops
 * what the groups run in the background (logins from the web UI) and writes the last usage records.
 */
final class ManagementWiring implements AutoCloseable {
  private final ManagementModule module;
  private final WebLoginRoutes webLogins;
  private final Optional<UsageLedger> usage;

  /**
   * @param config the config at start, which names the usage file
   * @param authFiles the auth directory in use, and applying it to the running proxy now
   * @param configFile {@code config.yaml}, written and applied to the running proxy (and where
   *     {@code /api-key-usage} reads the API keys' base URLs); the Management Center's page sits in
   *     {@code static/} beside it unless {@code MANAGEMENT_STATIC_PATH} says otherwise
   * @param logs the logs directory (main log, request and error logs)
   */
  ManagementWiring(
      Config config,
      ProxyWiring wiring,
      Clock clock,
      Gateway gateway,
      Accounts accounts,
      UpstreamClients clients,
      AuthFileRoutes.Store authFiles,
      ConfigFile configFile,
      LogsDirectory logs) {
    String version = Main.Version.current();
    this.usage =
        UsageLedger.openFor(config, () -> UsageSettings.of(gateway.snapshot().config()), clock);
    usage.ifPresent(ledger -> gateway.listeners().add(ledger.recorder()));
    KeyPolicies keyPolicies =
        new KeyPolicies(
            clock,
            usage
                .map(ledger -> SpendHistory.of(ledger.clientKeySpend()))
                .orElse(SpendHistory.NONE));
    gateway.admitWith(keyPolicies);
    Function<Config, HttpClient> http = running -> clients.forProxy(running.proxyUrl());
    this.webLogins = new WebLoginRoutes(wiring.kinds().webLogins(), clock, http, authFiles);
    List<ManagementRoutes> groups = new ArrayList<>();
    groups.add(new ServerInfoRoutes(version));
    groups.add(new ConsolePages(wiring.managementPassword()));
    CredentialTally tally = new CredentialTally(clock);
    gateway.listeners().add(tally);
    groups.add(
        new AuthFileRoutes(
            authFiles, accounts::status, gateway.quotaProbes()::statusAfterAsking, tally::of));
    groups.add(webLogins);
    groups.add(new LogRoutes(logs, ZoneId.systemDefault()));
    wiring
        .kinds()
        .vertexImport()
        .ifPresent(flag -> groups.add(new VertexImportRoutes(flag, http, authFiles)));
    groups.add(new UsageRoutes(usage, configFile.path(), clock));
    groups.add(new ConfigFileRoutes(configFile));
    groups.add(new ScalarSettingRoutes(configFile));
    groups.add(new ApiKeyRoutes(configFile));
    groups.add(new KeyPolicyRoutes(configFile, keyPolicies));
    groups.add(new ProviderKeyRoutes(configFile, tally::of));
    groups.add(new OAuthExcludedModelsRoutes(configFile));
    groups.add(
        new ControlPanelPage(
            configFile.path(), Optional.ofNullable(System.getenv("MANAGEMENT_STATIC_PATH"))));
    this.module = new ManagementModule(wiring.managementPassword(), version, clock, groups);
  }

  ManagementModule module() {
    return module;
  }

  /** Tells the parts that read the config at start only about a reloaded one. */
  void reloaded(Config next) {
    usage.ifPresent(ledger -> ledger.use(next));
  }

  /** Call after the server has stopped, so that the last requests' records are written. */
  @Override
  public void close() {
    webLogins.close();
    usage.ifPresent(UsageLedger::close);
  }
}
