package dev.cliproxy.testing;

import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.cli.ProviderKinds;
import dev.cliproxy.config.Config;
import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.gateway.JettyUpstreamClient;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.gateway.UpstreamClients;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.server.ProxyApi;
import dev.cliproxy.server.ProxyServer;
import dev.cliproxy.server.ServerModule;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real server and gateway in front of providers a test builds itself, for provider tests that
 * need the whole request path (translation, streaming, decoding) but not config or auth files.
 */
public final class ProvidersProxy implements AutoCloseable {
  private static final ProviderKinds KINDS = ProviderKinds.shipped();
  private final UpstreamClients clients;
  private final ProxyServer server;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ProvidersProxy(UpstreamClients clients, ProxyServer server) {
    this.clients = clients;
    this.server = server;
  }

  /** Serves these providers on a free loopback port, with no client keys. */
  public static ProvidersProxy start(Path dir, List<Provider> providers) throws Exception {
    Config config = config(dir, "");
    return start(config, new RuntimeSnapshot(config, providers, Instant.now()));
  }

  /**
   * Serves a config (its upstreams and client keys; {@code host:} and {@code port:} are prepended)
   * with the proxy API first and then {@code modules}, for tests of modules next to the proxy API.
   */
  public static ProvidersProxy withModules(Path dir, String yaml, ServerModule... modules)
      throws Exception {
    Config config = config(dir, yaml);
    return start(
        config, RuntimeSnapshot.of(config, List.of(), KINDS.all(), Instant.now()), modules);
  }

  private static Config config(Path dir, String yaml) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return KINDS.configLoader().parse("host: 127.0.0.1\nport: " + port + "\n" + yaml, dir).config();
  }

  private static ProvidersProxy start(
      Config config, RuntimeSnapshot snapshot, ServerModule... modules) throws Exception {
    Clock clock = Clock.systemUTC();
    Codecs codecs = Codecs.standard();
    UpstreamClients clients = new UpstreamClients();
    Gateway gateway =
        new Gateway(
            snapshot,
            new CredentialPool(clock),
            new JettyUpstreamClient(clients),
            codecs,
            dev.cliproxy.auth.refresh.TokenRecovery.NONE,
            clock);
    List<ServerModule> all = new ArrayList<>();
    all.add(new ProxyApi(gateway, codecs));
    all.addAll(List.of(modules));
    return new ProvidersProxy(
        clients,
        ProxyServer.start(config, gateway::snapshot, codecs, all.toArray(ServerModule[]::new)));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** POSTs a JSON body with extra headers (name, value, name, value, ...). */
  public HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Sends a request with no body and extra headers (name, value, name, value, ...). */
  public HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public int port() {
    return server.port();
  }

  /** The same POST, with the answer as a stream of lines as they arrive. */
  public HttpResponse<java.util.stream.Stream<String>> postForLines(
      String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
  }

  @Override
  public void close() throws Exception {
    server.close();
    clients.close();
  }
}
