package dev.cliproxy.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.gateway.ClientSink;
import dev.cliproxy.server.Endpoint;
import dev.cliproxy.server.Exchange;
import dev.cliproxy.server.PathTable;
import dev.cliproxy.server.ServerModule;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
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
                  + String.join(", ", new TreeSet<>(wrong.entry().methods())));
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
    } catch (RuntimeException e) {
      reply = failed(exchange, e);
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(reply.headers());
    switch (reply) {
      case ManagementReply.Json json -> sendJson(exchange, json.status(), json.body(), all);
      case ManagementReply.Raw raw ->
          exchange.sink().complete(raw.status(), raw.contentType(), raw.body(), all);
      case ManagementReply.Streamed streamed -> stream(exchange, streamed, all, headers);
    }
  }

  private static void stream(
      Exchange exchange,
      ManagementReply.Streamed streamed,
      Map<String, String> all,
      Map<String, String> headers)
      throws IOException {
    ClientSink sink = exchange.sink();
    sink.beginStream(streamed.status(), streamed.contentType(), all);
    SinkOutput out = new SinkOutput(sink);
    try {
      streamed.body().writeTo(out);
      out.finish();
    } catch (RuntimeException e) {
      if (sink.committed()) {
        log.warn(
            "management: {} {} failed after its answer began; cutting it: {}",
            exchange.method(),
            exchange.path(),
            e.toString());
        throw new IOException("answer cut", e);
      }
      ManagementReply.Json reply = failed(exchange, e);
      sendJson(exchange, reply.status(), reply.body(), headers);
      return;
    }
    sink.end();
  }

  /** The JSON answer for a call that threw. */
  private static ManagementReply.Json failed(Exchange exchange, RuntimeException e) {
    return switch (e) {
      case ManagementError error ->
          new ManagementReply.Json(error.status(), error.body(), Map.of());
      case ProxyException proxy ->
          new ManagementReply.Json(
              proxy.error().status(),
              ManagementJson.MAPPER
                  .createObjectNode()
                  .put("error", proxy.error().code())
                  .put("message", proxy.error().message()),
              Map.of());
      default -> {
        log.error("management: {} {} failed", exchange.method(), exchange.path(), e);
        yield new ManagementReply.Json(
            500,
            ManagementJson.MAPPER
                .createObjectNode()
                .put("error", "internal error")
                .put("message", "the proxy failed to answer this call; its log says why"),
            Map.of());
      }
    };
  }

  private static void sendJson(
      Exchange exchange, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    byte[] bytes;
    try {
      bytes = ManagementJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    exchange.sink().complete(status, "application/json; charset=utf-8", bytes, headers);
  }

  /**
   * A client sink as an output stream that sends a part each time {@link #PART} bytes have gathered
   * and the rest at {@link #finish}; {@code flush} and {@code close} send nothing, so a body whose
   * writer fails leaves its last part unsent (and an answer that never began can still be an
   * error).
   */
  private static final class SinkOutput extends OutputStream {
    private static final int PART = 64 * 1024;

    private final ClientSink sink;
    private final byte[] part = new byte[PART];
    private int filled;

    SinkOutput(ClientSink sink) {
      this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
      part[filled++] = (byte) b;
      if (filled == PART) {
        send();
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, bytes.length);
      while (length > 0) {
        int n = Math.min(length, PART - filled);
        System.arraycopy(bytes, offset, part, filled, n);
        filled += n;
        offset += n;
        length -= n;
        if (filled == PART) {
          send();
        }
      }
    }

    void finish() throws IOException {
      if (filled > 0) {
        send();
      }
    }

    private void send() throws IOException {
      sink.event(Arrays.copyOf(part, filled));
      filled = 0;
    }
  }
}
