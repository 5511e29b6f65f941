package dev.cliproxy.testing;

import dev.cliproxy.cli.ProxyApplication;
import dev.cliproxy.cli.ProxyWiring;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The whole proxy, started from a config file in a temp directory on a free loopback port. */
public final class RunningProxy implements AutoCloseable {
  private final Path dir;
  private final Path configFile;
  private final int port;
  private final ProxyApplication app;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private RunningProxy(Path dir, Path configFile, int port, ProxyApplication app) {
    this.dir = dir;
    this.configFile = configFile;
    this.port = port;
    this.app = app;
  }

  /**
   * Starts the proxy with a config whose body is {@code yaml}; {@code port:} is prepended, and
   * {@code host: 127.0.0.1} unless {@code yaml} names a host.
   */
  public static RunningProxy start(Path dir, String yaml) throws Exception {
    return start(dir, yaml, ProxyWiring.standard());
  }

  /**
   * Starts the proxy with a config whose body is {@code yaml} and the given wiring (provider kinds,
   * refresh tick). The auth directory is {@link #authDir()} unless {@code yaml} sets {@code
   * auth-dir}.
   */
  public static RunningProxy start(Path dir, String yaml, ProxyWiring wiring) throws Exception {
    int port = freePort();
    Path configFile = dir.resolve("config.yaml");
    Files.writeString(configFile, header(port, dir, yaml) + yaml);
    ProxyApplication app =
        ProxyApplication.start(
            configFile, wiring.configLoader().load(configFile), dir.resolve("logs"), wiring);
    return new RunningProxy(dir, configFile, port, app);
  }

  /** The auth directory the proxy uses unless the config names another: {@code <dir>/auth}. */
  public Path authDir() {
    return dir.resolve("auth");
  }

  /**
   * Starts the proxy in front of one fake upstream (key {@code up-1}) whose model {@code up-model}
   * is offered under each of {@code aliases}, requiring {@code clientKey} from clients.
   */
  public static RunningProxy inFrontOf(
      Path dir, FakeOpenAiUpstream upstream, String clientKey, String... aliases) throws Exception {
    StringBuilder yaml =
        new StringBuilder()
            .append("api-keys: [")
            .append(clientKey)
            .append("]\nopenai-compatibility:\n  - name: Up\n    base-url: ")
            .append(upstream.baseUrl())
            .append("\n    api-key-entries:\n      - api-key: up-1\n    models:\n");
    for (String alias : aliases) {
      yaml.append("      - name: up-model\n        alias: \"").append(alias).append("\"\n");
    }
    return start(dir, yaml.toString());
  }

  private static String header(int port, Path dir, String yaml) {
    String header =
        (yaml.startsWith("host:") || yaml.contains("\nhost:") ? "" : "host: 127.0.0.1\n")
            + "port: "
            + port
            + "\n";
    return yaml.contains("auth-dir:") ? header : header + "auth-dir: " + dir.resolve("auth") + "\n";
  }

  /** Replaces the config file the way editors do: write a temp file, rename it over. */
  public void rewriteConfig(String yaml) throws IOException {
    writeRaw(header(port, dir, yaml) + yaml);
  }

  /** Replaces the config file with exactly this text. */
  public void writeRaw(String text) throws IOException {
    Path tmp = dir.resolve("config.yaml.tmp");
    Files.writeString(tmp, text);
    Files.move(
        tmp, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public ProxyApplication app() {
    return app;
  }

  /** A plain HTTP exchange, for tests that look at raw status codes, headers and bodies. */
  public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  public HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .GET();
  }

  /** Polls until the condition holds or the timeout passes; returns whether it held. */
  public static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    app.close();
  }
}
