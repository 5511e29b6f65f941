package dev.cliproxy.management;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /management.html}: the Management Center (CLIProxyAPI's web UI, one HTML file) served
 * from disk without a key, as the reference serves it. It is read from {@code
 * MANAGEMENT_STATIC_PATH} (a directory, or the file itself) or else from {@code
 * static/management.html} beside the config file, on every request so a replaced file is served at
 * once. It is never downloaded: when it is missing the answer is a 404 saying where to put it, and
 * {@code remote-management.disable-control-panel: true} hides it.
 */
public final class ControlPanelPage implements ManagementRoutes {
  static final String PATH = "/management.html";
  static final String RELEASES =
      "https://github.com/router-for-me/Cli-Proxy-API-Management-Center/releases";
  private static final String FILE_NAME = "management.html";

  private final Path file;

  /**
   * The page.
   *
   * @param configFile the config file (it need not exist); the page sits in {@code static/} beside
   *     it
   * @param staticPath {@code MANAGEMENT_STATIC_PATH}, which overrides that place when not blank
   */
  public ControlPanelPage(Path configFile, Optional<String> staticPath) {
    this.file = locate(configFile, staticPath);
  }

  /** Where the page is looked for. */
  static Path locate(Path configFile, Optional<String> staticPath) {
    Optional<Path> named = staticPath.map(String::trim).filter(p -> !p.isEmpty()).map(Path::of);
    if (named.isPresent()) {
      Path path = named.get();
      Path name = path.getFileName();
      boolean isFile = name != null && name.toString().equalsIgnoreCase(FILE_NAME);
      return (isFile ? path : path.resolve(FILE_NAME)).toAbsolutePath().normalize();
    }
    Path dir = configFile.toAbsolutePath().normalize().getParent();
    return dir.resolve("static").resolve(FILE_NAME);
  }

  @Override
  public void addTo(ManagementRouter router) {
    router.openPage(PATH, this::serve);
  }

  private ManagementReply serve(ManagementCall call) throws IOException {
    if (ManagementSettings.of(call.config()).disableControlPanel()) {
      throw new ManagementError(
          404,
          "not found",
          "the Management Center is turned off here (remote-management.disable-control-panel)");
    }
    if (!Files.isRegularFile(file)) {
      throw new ManagementError(404, "not found", missing(call));
    }
    byte[] page;
    try {
      page = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ManagementError(404, "not found", missing(call));
    }
    return new ManagementReply.Raw(
        200, "text/html; charset=utf-8", page, Map.of("Cache-Control", "no-store"));
  }

  /** Where to put the file; only this machine is told the full path. */
  private String missing(ManagementCall call) {
    String where =
        call.peer().getAddress().isLoopbackAddress()
            ? file.toString()
            : "static/" + FILE_NAME + " beside the config file (or MANAGEMENT_STATIC_PATH)";
    return "no Management Center here: this proxy never downloads it; get "
        + FILE_NAME
        + " from the assets of a release at "
        + RELEASES
        + " and put it at "
        + where;
  }
}
