package dev.cliproxy.cli;

import dev.cliproxy.amp.AmpModule;
import dev.cliproxy.amp.AmpUpstream;
import dev.cliproxy.auth.Accounts;
import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.auth.refresh.RefreshEngine;
import dev.cliproxy.auth.store.AtomicFileWriter;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.AuthDirectoryWatcher;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigFile;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.ConfigWatcher;
import dev.cliproxy.config.LoadedConfig;
import dev.cliproxy.config.PathRules;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.gateway.JettyUpstreamClient;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.logs.LogBudget;
import dev.cliproxy.logs.LogsDirectory;
import dev.cliproxy.logs.RequestLogSettings;
import dev.cliproxy.logs.RequestLogs;
import dev.cliproxy.management.SecretKeyInFile;
import dev.cliproxy.metrics.MetricsModule;
import dev.cliproxy.metrics.ProxyMetrics;
import dev.cliproxy.server.ProxyApi;
import dev.cliproxy.server.ProxyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running proxy: wires config, gateway and server by hand, keeps the config watched, and shuts
 * everything down in order.
 */
public final class ProxyApplication implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProxyApplication.class);
  private static final Duration DEBOUNCE = Duration.ofMillis(150);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final Path configFile;
  private final ConfigFile configOnDisk;
  private final Path logsDir;
  private final ProxyWiring wiring;
  private final Clock clock;
  private final UpstreamClients clients;
  private final CredentialPool pool;
  private final Accounts accounts;
  private final AuthDirectoryInUse authDirectory;
  private final Gateway gateway;
  private final RefreshEngine refresh;
  private final AmpUpstream amp;
  private final RequestLogs requestLogs;
  private final ProxyMetrics metrics;
  private final ManagementWiring management;
  private volatile ProxyServer server;
  private volatile ConfigWatcher watcher;
  private volatile AuthDirectoryWatcher authWatcher;
  private volatile Config running;

  private ProxyApplication(Path configFile, Path logsDir, Config config, ProxyWiring wiring) {
    this.configFile = configFile;
    this.configOnDisk =
        new ConfigFile(
            configFile,
            wiring.configLoader(),
            PathRules.ofProcess(),
            new AtomicFileWriter()::replaceKeepingMode,
            SecretKeyInFile::hashed,
            this::reload);
    this.logsDir = logsDir;
    this.running = config;
    this.wiring = wiring;
    this.clock = Clock.systemUTC();
    this.clients = new UpstreamClients();
    this.pool = new CredentialPool(clock);
    this.accounts = new Accounts();
    this.authDirectory =
        new AuthDirectoryInUse(new AuthDirectory(config.authDir()), this::authChanged);
    this.refresh =
        new RefreshEngine(
            accounts::all,
            type -> wiring.kinds().forAuthFileType(type).flatMap(k -> k.refresher(running)),
            authDirectory,
            account -> clients.forProxy(account.proxyUrl().or(() -> running.proxyUrl())),
            clock);
    this.amp = new AmpUpstream(clients::forProxy, wiring.ampSecret());
    Codecs codecs = Codecs.standard();
    this.codecs = codecs;
    this.gateway =
        new Gateway(
            RuntimeSnapshot.of(config, List.of(), wiring.kinds().all(), clock.instant()),
            pool,
            new JettyUpstreamClient(clients),
            codecs,
            refresh,
            clock);
    this.requestLogs = new RequestLogs(new LogsDirectory(logsDir), clock);
    gateway.record(requestLogs);
    this.metrics = ProxyMetrics.start(gateway, refresh);
    this.management =
        new ManagementWiring(
            config,
            wiring,
            clock,
            gateway,
            accounts,
            clients,
            authDirectory,
            configOnDisk,
            requestLogs.directory());
  }

  private final Codecs codecs;

  /** Serves until the process is stopped; returns the exit code. */
  static int serve(Path explicitConfig, PrintWriter err, ProxyWiring wiring) throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    Path configFile =
        explicitConfig != null ? explicitConfig.toAbsolutePath() : cwd.resolve("config.yaml");
    LoadedConfig loaded;
    try {
      loaded = initialConfig(configFile, explicitConfig != null, wiring.configLoader());
    } catch (ConfigException e) {
      err.println("Refusing to start: " + e.getMessage());
      return 1;
    }
    ProxyApplication app;
    try {
      app = start(configFile, loaded, cwd.resolve("logs"), wiring);
    } catch (IOException e) {
      if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) {
        throw e;
      }
      err.println(
          "Refusing to start: cannot listen on "
              + loaded.config().bindHost()
              + ":"
              + loaded.config().port()
              + " ("
              + (e.getCause() instanceof BindException b ? b.getMessage() : e.getMessage())
              + "). Another program (perhaps another cli-proxy-api) uses it; stop it or set"
              + " another port in config.yaml.");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.shutdown(SHUTDOWN_GRACE);
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  /** The config file's content, or the defaults when no file was named and none exists. */
  static LoadedConfig initialConfig(Path configFile, boolean explicit, ConfigLoader loader) {
    if (Files.isRegularFile(configFile)) {
      return loader.load(configFile);
    }
    if (explicit) {
      throw new ConfigException(
          configFile.toString(),
          "",
          "no such file. Pass an existing file to --config, or leave --config out to use"
              + " built-in defaults.");
    }
    return new LoadedConfig(loader.defaults(), List.of());
  }

  /**
   * Starts the proxy with an already loaded config, watching {@code configFile} for changes.
   *
   * @throws Exception when the port cannot be bound or TLS cannot be set up
   */
  public static ProxyApplication start(Path configFile, LoadedConfig loaded, Path logsDir)
      throws Exception {
    return start(configFile, loaded, logsDir, ProxyWiring.standard());
  }

  /**
   * Starts the proxy with an already loaded config and the given wiring.
   *
   * @throws Exception when the port cannot be bound or TLS cannot be set up
   */
  public static ProxyApplication start(
      Path configFile, LoadedConfig loaded, Path logsDir, ProxyWiring wiring) throws Exception {
    Config config = loaded.config();
    LogSetup.apply(config.debug(), config.loggingToFile(), logsDir, logBudget(config));
    if (!Files.isRegularFile(configFile)) {
      log.info(
          "no {} found; running on built-in defaults:\n{}",
          configFile,
          DefaultsNotice.of(config, wiring.kinds()));
    }
    loaded.warnings().forEach(w -> log.warn("{}: {}", configFile.getFileName(), w));
    ProxyApplication app = new ProxyApplication(configFile, logsDir, config, wiring);
    try {
      // A plaintext management key is replaced by its hash in the file before anything reads it.
      app.running = app.configOnDisk.seal().map(LoadedConfig::config).orElse(config);
      app.watchAuthDirectory(config);
      app.rebuild();
      app.amp.use(config); // logs the Amp settings
      app.server =
          ProxyServer.start(
              config,
              app.gateway::snapshot,
              app.codecs,
              new ProxyApi(app.gateway, app.codecs),
              new MetricsModule(app.metrics),
              new AmpModule(app.gateway, app.codecs, app.amp),
              app.management.module());
      if (Files.isRegularFile(configFile)) {
        app.watch();
      }
    } catch (Exception e) {
      app.close();
      throw e;
    }
    app.refresh.start(wiring.refreshTick());
    RuntimeSnapshot snapshot = app.gateway.snapshot();
    log.info(
        "CLIProxy for Java {} listening on {}://{}:{} — {} models from {} upstreams, {} accounts"
            + " in {}; {}",
        Main.Version.current(),
        config.tls().enable() ? "https" : "http",
        config.bindHost(),
        app.server.port(),
        snapshot.catalog().offers().size(),
        snapshot.providers().size(),
        app.accounts.all().size(),
        config.authDir(),
        config.apiKeys().isEmpty()
            ? "no client keys (api-keys is empty), so it listens on loopback unless host says otherwise"
            : config.apiKeys().size() + " client key(s) required");
    return app;
  }

  /**
   * Loads the auth directory of {@code config} (creating it 0700 when missing) and watches it, in
   * place of any directory watched before. A directory that cannot be read leaves the proxy running
   * on its config keys alone, with the problem logged.
   */
  private void watchAuthDirectory(Config config) {
    AuthDirectoryWatcher previous = authWatcher;
    if (previous != null) {
      previous.close();
      authWatcher = null;
    }
    AuthDirectory directory = new AuthDirectory(config.authDir());
    authDirectory.moveTo(directory);
    try {
      AuthDirectoryWatcher started = AuthDirectoryWatcher.start(directory, this::authChanged);
      authWatcher = started;
      accounts.apply(started.initial(), directory.path(), clock.instant());
    } catch (IOException | RuntimeException e) {
      accounts.apply(dev.cliproxy.auth.store.AuthSnapshot.EMPTY, directory.path(), clock.instant());
      log.error(
          "cannot use auth-dir {} ({}); serving without its accounts until it is fixed and the"
              + " config is saved again",
          config.authDir(),
          e.toString());
    }
  }

  private void authChanged(dev.cliproxy.auth.store.AuthSnapshot snapshot) {
    if (accounts.apply(snapshot, authDirectory.directory().path(), clock.instant())) {
      rebuild();
      log.info(
          "auth-dir changed: {} accounts, {} models",
          accounts.all().size(),
          gateway.snapshot().catalog().offers().size());
      refresh.refreshDue();
    }
  }

  /** Builds the snapshot new requests use from the running config and the live accounts. */
  private synchronized void rebuild() {
    RuntimeSnapshot next =
        RuntimeSnapshot.of(running, accounts.all(), wiring.kinds().all(), clock.instant());
    gateway.install(next);
  }

  /** Starts watching the config file; applies it again if it changed since it was loaded. */
  private void watch() throws IOException {
    ConfigWatcher started = configOnDisk.watch(DEBOUNCE);
    watcher = started;
    if (!started.initial().config().equals(running)) {
      reload(started.initial());
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The gateway, for tests that look at routing state. */
  public Gateway gateway() {
    return gateway;
  }

  private void reload(LoadedConfig loaded) {
    Config next = loaded.config();
    loaded.warnings().forEach(w -> log.warn("{}: {}", configFile.getFileName(), w));
    LogSetup.apply(next.debug(), next.loggingToFile(), logsDir, logBudget(next));
    Config previous = running;
    running = next;
    if (!next.authDir().equals(previous.authDir())) {
      log.info("auth-dir moved to {}", next.authDir());
      watchAuthDirectory(next);
    }
    rebuild();
    management.reloaded(next);
    amp.use(next); // logs changed Amp settings, and reads the Amp secret file again
    if (!next.bindHost().equals(previous.bindHost())
        || next.port() != previous.port()
        || !next.tls().equals(previous.tls())) {
      log.warn(
          "host, port and tls changes take effect after a restart; still listening on {}:{}",
          previous.bindHost(),
          server.port());
    }
    log.info(
        "config reloaded: {} models from {} upstreams",
        gateway.snapshot().catalog().offers().size(),
        gateway.snapshot().providers().size());
    if (watcher == null && server != null && Files.isRegularFile(configFile)) {
      try { // the management API wrote the first config file: watch it from now on
        watch();
      } catch (IOException | ConfigException e) {
        log.warn("cannot watch {} ({}); restart to pick up edits", configFile, e.getMessage());
      }
    }
  }

  /** Stops at once, cutting requests in flight. */
  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }

  /** Stops watching and serving, letting requests in flight finish for up to {@code grace}. */
  public void shutdown(Duration grace) {
    ConfigWatcher w = watcher;
    if (w != null) {
      w.close();
    }
    AuthDirectoryWatcher a = authWatcher;
    if (a != null) {
      a.close();
    }
    refresh.close();
    ProxyServer s = server;
    if (s != null) {
      try {
        s.stop(grace);
      } catch (Exception e) {
        log.warn("stopping the server: {}", e.toString());
      }
    }
    management.close();
    amp.close();
    metrics.close();
    clients.close();
    requestLogs.close();
  }

  private static LogBudget logBudget(Config config) {
    return RequestLogSettings.of(config).budget();
  }

  /** The request and error logs, for tests that wait for them to be written. */
  public RequestLogs requestLogs() {
    return requestLogs;
  }

  /** The live auth-dir accounts, for tests that look at their state. */
  public Accounts accounts() {
    return accounts;
  }
}
