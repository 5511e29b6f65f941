package dev.cliproxy.management;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.logs.LogsDirectory;
import dev.cliproxy.logs.MainLogLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The logs as the web UI reads them: {@code /logs} (the main log's lines, and clearing it), {@code
 * /request-error-logs} (the error logs of failed requests, listed and downloaded), {@code
 * /request-log-by-id/{id}} (one request's log). The settings ({@code request-log}, {@code
 * logs-max-total-size-mb}, {@code error-logs-max-files}) are scalars of {@link ScalarSetting}.
 */
public final class LogRoutes implements ManagementRoutes {
  private static final String TEXT = "text/plain; charset=utf-8";

  private final LogsDirectory dir;
  private final ZoneId zone;

  /**
   * @param dir the logs directory
   * @param zone the zone the main log's stamps are written in
   */
  public LogRoutes(LogsDirectory dir, ZoneId zone) {
    this.dir = dir;
    this.zone = zone;
  }

  @Override
  public void addTo(ManagementRouter router) {
    router
        .get("/logs", this::lines)
        .delete("/logs", this::clear)
        .get("/request-error-logs", this::errorLogs)
        .get("/request-error-logs/{name}", this::errorLog)
        .get("/request-log-by-id/{id}", this::requestLog);
  }

  private ManagementReply lines(ManagementCall call) throws IOException {
    requireFileLogging(call);
    OptionalLong after = number(call, "after", "invalid after: must be a Unix time in seconds");
    OptionalLong limit = number(call, "limit", "invalid limit: must be a positive integer");
    if (limit.isPresent() && limit.getAsLong() <= 0) {
      throw ManagementError.badRequest("invalid limit: must be greater than zero");
    }
    MainLogLines.Page page =
        MainLogLines.read(
            dir.mainLogs(),
            after,
            (int) Math.min(Integer.MAX_VALUE, limit.orElse(Integer.MAX_VALUE)),
            zone);
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    ArrayNode lines = body.putArray("lines");
    page.lines().forEach(lines::add);
    body.put("line-count", page.lineCount());
    body.put("latest-timestamp", page.latestTimestamp());
    return ManagementReply.json(body);
  }

  private ManagementReply clear(ManagementCall call) throws IOException {
    requireFileLogging(call);
    if (!dir.exists()) {
      throw ManagementError.notFound("log directory not found");
    }
    int removed = dir.clearMainLogs();
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    body.put("success", true);
    body.put("message", "Logs cleared successfully");
    body.put("removed", removed);
    return ManagementReply.json(body);
  }

  private ManagementReply errorLogs(ManagementCall call) throws IOException {
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    ArrayNode files = body.putArray("files");
    for (LogsDirectory.LogFile file : dir.errorLogs()) {
      files
          .addObject()
          .put("name", file.name())
          .put("size", file.size())
          .put("modified", file.modified().getEpochSecond());
    }
    return ManagementReply.json(body);
  }

  private ManagementReply errorLog(ManagementCall call) throws IOException {
    String name = call.param("name");
    if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
      throw ManagementError.badRequest("invalid log file name");
    }
    return download(dir.errorLog(name));
  }

  private ManagementReply requestLog(ManagementCall call) throws IOException {
    String id = call.param("id");
    if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
      throw new ManagementError(
          400, "invalid request id", "ids look like 20261204-021500-123-a1b2c3");
    }
    return download(dir.logOfRequest(id));
  }

  private static ManagementReply download(Optional<Path> file) throws IOException {
    if (file.isEmpty()) {
      throw ManagementError.notFound("log file not found");
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file.get());
    } catch (NoSuchFileException gone) {
      throw ManagementError.notFound("log file not found");
    }
    return new ManagementReply.Raw(
        200,
        TEXT,
        content,
        Map.of("Content-Disposition", "attachment; filename=\"" + file.get().getFileName() + "\""));
  }

  private static void requireFileLogging(ManagementCall call) {
    if (!call.config().loggingToFile()) {
      throw new ManagementError(
          400, "logging to file disabled", "set logging-to-file: true in config.yaml");
    }
  }

  private static OptionalLong number(ManagementCall call, String name, String error) {
    Optional<String> text = call.query(name).map(String::trim).filter(t -> !t.isEmpty());
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text.get()));
    } catch (NumberFormatException e) {
      throw ManagementError.badRequest(error);
    }
  }
}
