package dev.cliproxy.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.server.Endpoint;
import dev.cliproxy.server.Exchange;
import dev.cliproxy.server.PathTable;
import dev.cliproxy.server.ServerModule;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API under {@code /v0/management}, as CLIProxyAPI's web UI and tools speak it:
 * every call passes {@link ManagementAccess} (hidden while no key is set, the key, this machine
 * only unless allowed, bans), then goes to the endpoint of the group that mounted its path; the
 * groups' open pages answer without a key. Every answer is JSON in the reference's {@code {"error":
 * …}} shape, carries the server's version headers and is never cached.
 */
public final class ManagementModule implements ServerModule {
  private static final Logger log = LoggerFactory.getLogger(ManagementModule.class);
  static final String PREFIX = "/v0/management";

  private final ManagementAccess access;
  private final Map<String, String> versionHeaders;
  private final PathTable<ManagementEndpoint> api;
  private final PathTable<ManagementEndpoint> open;

  /**
   * A module.
   *
   * @param environmentPassword {@code MANAGEMENT_PASSWORD}, a key that needs no config
   * @param version this build's version, sent as {@code X-CPA-VERSION}
   * @param groups the endpoint groups, their paths tried in this order
   */
  public ManagementModule(
      Optional<String> environmentPassword,
      String version,
      Clock clock,
      List<ManagementRoutes> groups) {
    this.access =
        new ManagementAccess(new ManagementKeys(environmentPassword), new LoginBans(clock));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-CPA-VERSION", version);
    headers.put("X-CPA-COMMIT", "none");
    headers.put("X-CPA-BUILD-DATE", "unknown");
    headers.put("X-CPA-SUPPORT-PLUGIN", "false");
    headers.put("Cache-Control", "no-store");
    this.versionHeaders = Map.copyOf(headers);
    ManagementRouter router = new ManagementRouter();
    groups.forEach(group -> group.addTo(router));
    this.api = router.api();
    this.open = router.open();
  }

  @Override
  public PathTable<Endpoint> routes() {
    PathTable.Builder<Endpoint> routes = PathTable.builder();
    for (PathTable.Entry<ManagementEndpoint> page : open.entries()) {
      routes.on(page.methods(), page.path().toString(), page.dialect(), openPage(page.target()));
    }
    routes.any(PREFIX, this::serveApi);
    routes.any(PREFIX + "/*", this::serveApi);
    return routes.build();
  }

  @Override
  public String endpoints() {
    return "the management API under " + PREFIX + " (when remote-management.secret-key is set)";
  }

  private Endpoint openPage(ManagementEndpoint page) {
    return exchange ->
        answer(exchange, Map.of(), () -> page.serve(call(exchange, exchange.params())));
  }

  private void serveApi(Exchange exchange) throws IOException {
    ManagementSettings settings = ManagementSettings.of(exchange.snapshot().config());
    ManagementAccess.Decision decision =
        access.decide(
            settings,
            exchange.peer(),
            exchange.header("Authorization"),
            exchange.header("X-Management-Key"));
    switch (decision) {
      case ManagementAccess.Decision.Hidden hidden ->
          exchange.sink().complete(404, "text/plain", new byte[0], Map.of());
      case ManagementAccess.Decision.Refused refused ->
          answer(
              exchange,
              versionHeaders,
              () -> {
                throw refused.error();
              });
      case ManagementAccess.Decision.Admitted admitted ->
          answer(exchange, versionHeaders, () -> dispatch(exchange));
    }
  }

  private ManagementReply dispatch(Exchange exchange) throws IOException {
    String rest = exchange.path().substring(PREFIX.length());
    String path = rest.isEmpty() ? "/" : rest;
    return switch (api.lookup(exchange.method(), path)) {
      case PathTable.Lookup.Found<ManagementEndpoint> found ->
          found.entry().target().serve(call(exchange, found.params()));
      case PathTable.Lookup.WrongMethod<ManagementEndpoint> wrong ->
          throw new ManagementError(
              405,
              "method not allowed",
              exchange.method()
                  + " is not supported on "
                  + exchange.path()
                  + "; it takes "
                  + String.join(", ", new java.util.TreeSet<>(wrong.entry().methods())));
      case PathTable.Lookup.NotFound<ManagementEndpoint> none ->
          throw new ManagementError(
              404,
              "not found",
              "no management endpoint "
                  + exchange.method()
                  + " "
                  + exchange.path()
                  + " in this proxy");
    };
  }

  private static ManagementCall call(Exchange exchange, Map<String, String> params) {
    return new ManagementCall(exchange, params);
  }

  @FunctionalInterface
  private interface Serving {
    ManagementReply reply() throws IOException;
  }

  private static void answer(Exchange exchange, Map<String, String> headers, Serving serving)
      throws IOException {
    ManagementReply reply;
    try {
      reply = serving.reply();
    } catch (ManagementError e) {
      reply = ManagementReply.json(e.status(), e.body());
    } catch (ProxyException e) {
      reply =
          ManagementReply.json(
              e.error().status(),
              ManagementJson.MAPPER
                  .createObjectNode()
                  .put("error", e.error().code())
                  .put("message", e.error().message()));
    } catch (RuntimeException e) {
      log.error("management: {} {} failed", exchange.method(), exchange.path(), e);
      reply =
          ManagementReply.json(
              500,
              ManagementJson.MAPPER
                  .createObjectNode()
                  .put("error", "internal error")
                  .put("message", "the proxy failed to answer this call; its log says why"));
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(reply.headers());
    switch (reply) {
      case ManagementReply.Json json -> {
        byte[] body;
        try {
          body = ManagementJson.MAPPER.writeValueAsBytes(json.body());
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
        exchange.sink().complete(json.status(), "application/json; charset=utf-8", body, all);
      }
      case ManagementReply.Raw raw ->
          exchange.sink().complete(raw.status(), raw.contentType(), raw.body(), all);
    }
  }
}
