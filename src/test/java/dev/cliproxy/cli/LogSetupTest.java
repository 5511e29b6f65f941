package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.cliproxy.logs.LogBudget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  private static final org.slf4j.Logger OWN = LoggerFactory.getLogger(LogSetupTest.class);
  private static final org.slf4j.Logger JETTY =
      LoggerFactory.getLogger("org.eclipse.jetty.server.Server");

  @TempDir Path dir;

  @AfterEach
  void backToConsole() {
    LogSetup.apply(false, false, null);
  }

  @Test
  void writesMainLogInOurLayoutWithDebugLinesOnlyWhenDebugIsOn() throws IOException {
    LogSetup.apply(false, true, dir);
    OWN.debug("own debug while debug is off");
    OWN.info("own info");
    LogSetup.apply(true, true, dir);
    OWN.debug("own debug while debug is on");
    JETTY.debug("jetty debug while debug is on");
    JETTY.info("jetty info");

    String log = Files.readString(dir.resolve("main.log"));
    assertThat(log)
        .containsPattern(
            "(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[LogSetupTest] own info$")
        .contains("DEBUG [LogSetupTest] own debug while debug is on")
        .contains("INFO  [Server] jetty info")
        .doesNotContain("own debug while debug is off")
        .doesNotContain("jetty debug");
  }

  @Test
  void debugLowersOnlyOurOwnLoggers() {
    LogSetup.apply(true, false, null);
    assertThat(OWN.isDebugEnabled()).isTrue();
    assertThat(JETTY.isDebugEnabled()).isFalse();
    assertThat(JETTY.isInfoEnabled()).isTrue();

    LogSetup.apply(false, false, null);
    assertThat(OWN.isDebugEnabled()).isFalse();
    assertThat(OWN.isInfoEnabled()).isTrue();
  }

  @Test
  void consoleKeepsWarningsWhileLoggingToFileAndTakesOverAgainAfterwards() throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LogSetup.apply(false, true, dir);
      OWN.info("info while logging to file");
      OWN.warn("warning while logging to file");
      LogSetup.apply(false, false, dir);
      OWN.info("info after switching back");
    } finally {
      System.setOut(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("WARN  [LogSetupTest] warning while logging to file")
        .contains("INFO  [LogSetupTest] info after switching back")
        .doesNotContain("info while logging to file");
    assertThat(Files.readString(dir.resolve("main.log")))
        .contains("info while logging to file")
        .contains("warning while logging to file")
        .doesNotContain("info after switching back");
    assertThat(rootAppenderNames()).containsExactly(LogSetup.CONSOLE);
  }

  @Test
  void fileRollsOverAtTenMegabytesWithCappedHistory() throws ReflectiveOperationException {
    LogSetup.apply(false, true, dir);

    Appender<ILoggingEvent> appender = root().getAppender(LogSetup.FILE);
    assertThat(appender).isInstanceOf(RollingFileAppender.class);
    RollingFileAppender<ILoggingEvent> file = (RollingFileAppender<ILoggingEvent>) appender;
    assertThat(Path.of(file.getFile())).isEqualTo(dir.resolve("main.log").toAbsolutePath());
    assertThat(file.getTriggeringPolicy()).isSameAs(file.getRollingPolicy());
    assertThat(file.getRollingPolicy()).isInstanceOf(SizeAndTimeBasedRollingPolicy.class);
    SizeAndTimeBasedRollingPolicy<?> rolling =
        (SizeAndTimeBasedRollingPolicy<?>) file.getRollingPolicy();
    assertThat(rolling.isStarted()).isTrue();
    assertThat(rolling.getFileNamePattern()).endsWith("/main-%d{yyyy-MM-dd}.%i.log");
    assertThat(rolling.getMaxHistory()).isEqualTo(10);
    assertThat(maxFileSize(rolling).getSize()).isEqualTo(10L * 1024 * 1024);
  }

  @Test
  void aSmallLogsCapShrinksTheMainLogsShare() throws ReflectiveOperationException {
    LogSetup.apply(false, true, dir, LogBudget.of(8L * 1024 * 1024));

    RollingFileAppender<ILoggingEvent> file =
        (RollingFileAppender<ILoggingEvent>) root().getAppender(LogSetup.FILE);
    SizeAndTimeBasedRollingPolicy<?> rolling =
        (SizeAndTimeBasedRollingPolicy<?>) file.getRollingPolicy();
    assertThat(maxFileSize(rolling).getSize()).isEqualTo(1024L * 1024);
    assertThat(totalSizeCap(rolling).getSize()).isEqualTo(2L * 1024 * 1024);
  }

  /** Logback reads its total cap from a field of the base policy. */
  private static FileSize totalSizeCap(SizeAndTimeBasedRollingPolicy<?> rolling)
      throws ReflectiveOperationException {
    Field field =
        ch.qos.logback.core.rolling.TimeBasedRollingPolicy.class.getDeclaredField("totalSizeCap");
    field.setAccessible(true);
    return (FileSize) field.get(rolling);
  }

  /** Logback has a setter but no getter for the size limit, so the test reads the field. */
  private static FileSize maxFileSize(SizeAndTimeBasedRollingPolicy<?> rolling)
      throws ReflectiveOperationException {
    Field field = SizeAndTimeBasedRollingPolicy.class.getDeclaredField("maxFileSize");
    field.setAccessible(true);
    return (FileSize) field.get(rolling);
  }

  @Test
  void applyingTheSameOutputsAgainKeepsTheAppenders() {
    LogSetup.apply(false, true, dir);
    List<Appender<ILoggingEvent>> before = rootAppenders();

    LogSetup.apply(false, true, dir);
    LogSetup.apply(true, true, dir.resolve(".").resolve("x").resolve(".."));

    assertThat(rootAppenders()).containsExactlyElementsOf(before);
    assertThat(before).allMatch(Appender::isStarted);
  }

  @Test
  void failureToCreateTheDirectoryLeavesTheConsoleInPlace() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("occupied"), "");
    List<Appender<ILoggingEvent>> before = rootAppenders();

    assertThatThrownBy(() -> LogSetup.apply(false, true, notADirectory))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("occupied");
    assertThat(rootAppenders()).containsExactlyElementsOf(before);
  }

  @Test
  void startUpDefaultsAreInfoOnTheConsoleAndRegisteredWithLogback() {
    LoggerContext fresh = new LoggerContext();
    new LogDefaults().configure(fresh);

    Logger root = fresh.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender(LogSetup.CONSOLE)).isNotNull();
    assertThat(fresh.getLogger("org.eclipse.jetty").isDebugEnabled()).isFalse();
    assertThat(ServiceLoader.load(Configurator.class).stream())
        .anyMatch(provider -> provider.type() == LogDefaults.class);
    fresh.stop();
  }

  private static Logger root() {
    return LogSetup.context().getLogger(Logger.ROOT_LOGGER_NAME);
  }

  private static List<Appender<ILoggingEvent>> rootAppenders() {
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    root().iteratorForAppenders().forEachRemaining(appenders::add);
    return appenders;
  }

  private static List<String> rootAppenderNames() {
    return rootAppenders().stream().map(Appender::getName).toList();
  }
}
