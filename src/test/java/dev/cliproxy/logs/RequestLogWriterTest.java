package dev.cliproxy.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's caps: request and error logs together never pass their share of {@code
 * logs-max-total-size-mb}, the oldest going first; only the newest {@code error-logs-max-files}
 * error logs stay; a directory that cannot be written is skipped without harm.
 */
class RequestLogWriterTest {
  private static final int BODY = 100 * 1024;

  @TempDir Path dir;

  private static RequestLogEntry entry(
      RequestLogEntry.Kind kind, int n, RequestLogSettings settings) {
    byte[] body = ("request " + n + " ").repeat(BODY / 10).getBytes(StandardCharsets.UTF_8);
    Instant at = Instant.parse("2026-12-04T02:00:00Z").plusSeconds(n);
    return new RequestLogEntry(
        kind,
        LogFileNames.newId(at),
        at,
        Duration.ofMillis(5),
        new RequestLogEntry.ClientPart(
            "POST",
            "OPENAI_CHAT",
            "/v1/chat/completions",
            Optional.empty(),
            Map.of(),
            new BodyCapture.Body(body, 0)),
        List.of(),
        new RequestLogEntry.Answer(
            500, "application/json", Map.of(), false, BodyCapture.Body.NONE, false),
        null,
        settings);
  }

  private static void writeAll(RequestLogWriter writer, List<RequestLogEntry> entries)
      throws InterruptedException {
    for (RequestLogEntry e : entries) {
      writer.begin();
      writer.submit(e);
      // one at a time, so that the bounded queue never drops one
      writer.drain();
    }
  }

  private List<Path> files(Path in) throws IOException {
    try (Stream<Path> files = Files.list(in)) {
      return files.sorted().toList();
    }
  }

  private long total(Path in) throws IOException {
    long sum = 0;
    for (Path f : files(in)) {
      sum += Files.size(f);
    }
    return sum;
  }

  @Test
  void theDirectoryStaysUnderTheCapAndTheOldestGoFirst() throws Exception {
    RequestLogSettings settings = new RequestLogSettings(true, 10, 1);
    long budget = settings.budget().requestLogBytes();
    Files.writeString(dir.resolve("main.log"), "x".repeat(1000));
    List<RequestLogEntry> entries = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      entries.add(entry(RequestLogEntry.Kind.REQUEST, n, settings));
    }
    try (RequestLogWriter writer = new RequestLogWriter(new LogsDirectory(dir))) {
      writeAll(writer, entries);
    }

    List<Path> left = files(dir);
    long own = total(dir) - Files.size(dir.resolve("main.log"));
    assertThat(own).isPositive().isLessThanOrEqualTo(budget);
    assertThat(total(dir)).isLessThanOrEqualTo(1024L * 1024);
    assertThat(left).contains(dir.resolve(entries.get(29).fileName()));
    assertThat(left).doesNotContain(dir.resolve(entries.get(0).fileName()));
    List<String> kept =
        left.stream().map(p -> p.getFileName().toString()).filter(LogFileNames::isOwn).toList();
    List<String> newest =
        entries.subList(entries.size() - kept.size(), entries.size()).stream()
            .map(RequestLogEntry::fileName)
            .toList();
    assertThat(kept).as("the newest are the ones kept").containsExactlyElementsOf(newest);
    assertThat(Files.readString(dir.resolve(entries.get(29).fileName())))
        .contains("more bytes not kept");
  }

  @Test
  void filesAlreadyThereCountAndGoFirst() throws Exception {
    RequestLogSettings settings = new RequestLogSettings(true, 10, 1);
    String old = "request-" + LogFileNames.newId(Instant.parse("2026-01-01T00:00:00Z")) + ".log";
    Files.write(dir.resolve(old), new byte[(int) settings.budget().requestLogBytes() - 1000]);
    try (RequestLogWriter writer = new RequestLogWriter(new LogsDirectory(dir))) {
      writeAll(writer, List.of(entry(RequestLogEntry.Kind.REQUEST, 1, settings)));
    }
    assertThat(Files.exists(dir.resolve(old))).isFalse();
    assertThat(total(dir)).isLessThanOrEqualTo(settings.budget().requestLogBytes());
  }

  @Test
  void onlyTheNewestErrorLogsAreKept() throws Exception {
    RequestLogSettings settings = new RequestLogSettings(false, 3, 1024);
    List<RequestLogEntry> entries = new ArrayList<>();
    for (int n = 0; n < 7; n++) {
      entries.add(entry(RequestLogEntry.Kind.ERROR, n, settings));
    }
    try (RequestLogWriter writer = new RequestLogWriter(new LogsDirectory(dir))) {
      writeAll(writer, entries);
    }
    assertThat(files(dir).stream().map(p -> p.getFileName().toString()))
        .containsExactly(
            entries.get(4).fileName(), entries.get(5).fileName(), entries.get(6).fileName());
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsSkippedAndWritingResumesOnceItCan() throws Exception {
    Path blocked = dir.resolve("logs");
    Files.writeString(blocked, "a file where the directory should be");
    RequestLogSettings settings = new RequestLogSettings(false, 10, 1024);
    try (RequestLogWriter writer = new RequestLogWriter(new LogsDirectory(blocked))) {
      writeAll(writer, List.of(entry(RequestLogEntry.Kind.ERROR, 1, settings)));
      Files.delete(blocked);
      RequestLogEntry later = entry(RequestLogEntry.Kind.ERROR, 2, settings);
      writeAll(writer, List.of(later));
      assertThat(files(blocked)).containsExactly(blocked.resolve(later.fileName()));
    }
  }
}
