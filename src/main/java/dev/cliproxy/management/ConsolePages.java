package dev.cliproxy.management;

import dev.cliproxy.server.LoopbackPeer;
import dev.cliproxy.server.PathPattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy's own console at {@code /console/}: three files shipped in the jar (the page, its
 * script and its style), served as open pages while the management API is on, so that loading them
 * needs no key; the page asks for the key and sends it with every call it makes. Only those names
 * exist under {@code /console/} (a fixed table, so no path can reach anything else); each answer
 * carries its type, a strict same-origin Content-Security-Policy and an ETag to revalidate against.
 */
public final class ConsolePages implements ManagementRoutes {
  static final String PATH = "/console";

  /** The page may load and call only its own origin, and nothing may frame it. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

  private static final byte[] NOTHING = new byte[0];

  /** One file of the console, read once from the jar. */
  private record ConsoleFile(String contentType, byte[] body, String etag) {}

  private final ManagementKeys keys;
  private final Map<String, ConsoleFile> files;

  /**
   * The console.
   *
   * @param environmentPassword {@code MANAGEMENT_PASSWORD}, which turns the management API (and so
   *     the console) on without a key in the config
   */
  public ConsolePages(Optional<String> environmentPassword) {
    this.keys = new ManagementKeys(environmentPassword);
    Map<String, ConsoleFile> shipped = new LinkedHashMap<>();
    ConsoleFile page = read("index.html", "text/html; charset=utf-8");
    shipped.put("", page);
    shipped.put("index.html", page);
    shipped.put("console.js", read("console.js", "text/javascript; charset=utf-8"));
    shipped.put("console.css", read("console.css", "text/css; charset=utf-8"));
    this.files = Map.copyOf(shipped);
  }

  @Override
  public void addTo(ManagementRouter router) {
    router.openPage(PATH, this::redirect);
    router.openPage(PATH + "/*", this::serve);
  }

  private ManagementReply redirect(ManagementCall call) {
    return shown(call)
        .orElseGet(() ->
            new ManagementReply.Raw(
                301,
                "text/plain; charset=utf-8",
                NOTHING,
                Map.of("Location", PATH + "/", "Cache-Control", "no-cache")));
  }

  private ManagementReply serve(ManagementCall call) {
    Optional<ManagementReply> refused = shown(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    String name = call.param(PathPattern.REST);
    ConsoleFile file = files.get(name);
    if (file == null) {
      throw new ManagementError(
          404,
          "not found",
          "the console has no file " + PATH + "/" + name + "; open " + PATH + "/");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", "no-cache");
    headers.put("ETag", file.etag());
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    String seen = call.header("If-None-Match");
    if (seen != null && seen.contains(file.etag())) {
      return new ManagementReply.Raw(304, file.contentType(), NOTHING, headers);
    }
    return new ManagementReply.Raw(200, file.contentType(), file.body(), headers);
  }

  /**
   * Empty when the console may be shown to this caller; else the answer: hidden (404, empty) while
   * the management API is off, 404 saying so while {@code disable-control-panel} turns the web
   * pages off (the API stays), 403 to another machine unless {@code allow-remote}.
   */
  private Optional<ManagementReply> shown(ManagementCall call) {
    ManagementSettings settings = ManagementSettings.of(call.config());
    if (!keys.enabled(settings)) {
      return Optional.of(new ManagementReply.Raw(404, "text/plain", NOTHING, Map.of()));
    }
    if (settings.disableControlPanel()) {
      throw new ManagementError(
          404,
          "not found",
          "the console is turned off here (remote-management.disable-control-panel); the"
              + " management API still answers");
    }
    if (!LoopbackPeer.admits(call.peer()) && !settings.allowRemote()) {
      throw new ManagementError(
          403,
          "remote management disabled",
          "the console answers this machine only; to manage the proxy from another machine set"
              + " remote-management.allow-remote: true in config.yaml");
    }
    return Optional.empty();
  }

  private static ConsoleFile read(String name, String contentType) {
    String resource = "/console/" + name;
    try (InputStream in = ConsolePages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + resource);
      }
      byte[] body = in.readAllBytes();
      return new ConsoleFile(contentType, body, etag(body));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
    }
  }

  private static String etag(byte[] body) {
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(sum, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
