package dev.cliproxy.cli;

import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.ConfigWatcher;
import dev.cliproxy.config.LoadedConfig;
import dev.cliproxy.config.PathRules;
import dev.cliproxy.dialect.claude.ClaudeCodec;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import dev.cliproxy.dialect.responses.ResponsesCodec;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.gateway.UpstreamClients;
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
  private final Path logsDir;
  private final UpstreamClients clients;
  private final Gateway gateway;
  private final ProxyServer server;
  private volatile ConfigWatcher watcher;
  private volatile Config running;

  private ProxyApplication(
      Path configFile,
      Path logsDir,
      Config config,
      UpstreamClients clients,
      Gateway gateway,
      ProxyServer server) {
    this.configFile = configFile;
    this.logsDir = logsDir;
    this.running = config;
    this.clients = clients;
    this.gateway = gateway;
    this.server = server;
  }

  /** Serves until the process is stopped; returns the exit code. */
  static int serve(Path explicitConfig, PrintWriter err) throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    Path configFile =
        explicitConfig != null ? explicitConfig.toAbsolutePath() : cwd.resolve("config.yaml");
    LoadedConfig loaded;
    try {
      loaded = initialConfig(configFile, explicitConfig != null);
    } catch (ConfigException e) {
      err.println("Refusing to start: " + e.getMessage());
      return 1;
    }
    ProxyApplication app;
    try {
      app = start(configFile, loaded, cwd.resolve("logs"));
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
  static LoadedConfig initialConfig(Path configFile, boolean explicit) {
    if (Files.isRegularFile(configFile)) {
      return ConfigLoader.load(configFile);
    }
    if (explicit) {
      throw new ConfigException(
          configFile.toString(),
          "",
          "no such file. Pass an existing file to --config, or leave --config out to use"
              + " built-in defaults.");
    }
    return new LoadedConfig(ConfigLoader.defaults(), java.util.List.of());
  }

  /**
   * Starts the proxy with an already loaded config, watching {@code configFile} for changes.
   *
   * @throws Exception when the port cannot be bound or TLS cannot be set up
   */
  public static ProxyApplication start(Path configFile, LoadedConfig loaded, Path logsDir)
      throws Exception {
    Config config = loaded.config();
    LogSetup.apply(config.debug(), config.loggingToFile(), logsDir);
    if (!Files.isRegularFile(configFile)) {
      log.info("no {} found; running on built-in defaults:\n{}", configFile, describe(config));
    }
    loaded.warnings().forEach(w -> log.warn("{}: {}", configFile.getFileName(), w));
    Clock clock = Clock.systemUTC();
    UpstreamClients clients = new UpstreamClients();
    Codecs codecs =
        new Codecs(
            List.of(
                new OpenAiChatCodec(), new ResponsesCodec(), new ClaudeCodec(), new GeminiCodec()));
    Gateway gateway =
        new Gateway(
            RuntimeSnapshot.of(config, clock.instant()),
            new CredentialPool(clock),
            clients,
            codecs,
            clock);
    ProxyServer server;
    try {
      server = ProxyServer.start(config, gateway, codecs);
    } catch (Exception e) {
      clients.close();
      throw e;
    }
    ProxyApplication app =
        new ProxyApplication(configFile, logsDir, config, clients, gateway, server);
    if (Files.isRegularFile(configFile)) {
      try {
        app.watch();
      } catch (IOException | RuntimeException e) {
        app.close();
        throw e;
      }
    }
    log.info(
        "CLIProxy for Java {} listening on {}://{}:{} — {} models from {} upstreams; {}",
        Main.Version.current(),
        config.tls().enable() ? "https" : "http",
        config.bindHost(),
        server.port(),
        gateway.snapshot().catalog().offers().size(),
        gateway.snapshot().providers().size(),
        config.apiKeys().isEmpty()
            ? "no client keys (api-keys is empty), so it listens on loopback unless host says otherwise"
            : config.apiKeys().size() + " client key(s) required");
    return app;
  }

  /** Starts watching the config file; applies it again if it changed since it was loaded. */
  private void watch() throws IOException {
    ConfigWatcher started =
        ConfigWatcher.start(configFile, PathRules.ofProcess(), DEBOUNCE, this::reload);
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
    LogSetup.apply(next.debug(), next.loggingToFile(), logsDir);
    gateway.apply(next);
    Config previous = running;
    running = next;
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
  }

  private static String describe(Config c) {
    return "  host: "
        + c.bindHost()
        + "\n  port: "
        + c.port()
        + "\n  auth-dir: "
        + c.authDir()
        + "\n  api-keys: none (loopback only)"
        + "\n  openai-compatibility: none"
        + "\n  Create config.yaml (see README) to add upstreams, then restart; after that, edits"
        + " apply without a restart.";
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
    try {
      server.stop(grace);
    } catch (Exception e) {
      log.warn("stopping the server: {}", e.toString());
    }
    clients.close();
  }
}
