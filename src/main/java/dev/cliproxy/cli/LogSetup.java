package dev.cliproxy.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import dev.cliproxy.logs.LogBudget;
import dev.cliproxy.logs.RequestLogSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback from the {@code debug} and {@code logging-to-file} settings, at start and
 * again on every config reload.
 *
 * <p>Levels: the root logger is at INFO, so libraries (Jetty included) never log below INFO. With
 * {@code debug} our own {@code dev.cliproxy} loggers go down to DEBUG.
 *
 * <p>Outputs: without {@code toFile} every line goes to stdout. With {@code toFile} every line goes
 * to {@code <logsDir>/main.log}, and stdout still gets WARN and above so that an operator watching
 * the terminal sees failures without opening the file. The file rolls over at the {@link
 * LogBudget}'s file size (10 MB under the default {@code logs-max-total-size-mb}; counted byte by
 * byte, so even a burst of DEBUG bodies cannot overshoot) and at midnight, to {@code
 * main-2026-11-22.0.log}, {@code .1.log} and so on; rolled files older than 10 days are deleted,
 * and the oldest go first once all of them together pass the budget's archive size (200 MB by
 * default), so the main log never holds more than its share of the logs directory's cap.
 *
 * <p>Before {@link #apply} first runs, {@link LogDefaults} has already set up the console at INFO.
 */
public final class LogSetup {
  /** Line layout: {@code 2026-11-22 10:15:30.123 INFO [Server] message}. */
  static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%logger{0}] %msg%n";

  static final String CONSOLE = "CONSOLE";
  static final String FILE = "FILE";
  static final String FILE_NAME = "main.log";
  static final String ROLLED_NAME = "main-%d{yyyy-MM-dd}.%i.log";
  static final int KEPT_DAYS = 10;

  private static final String OWN_LOGGERS = "dev.cliproxy";
  private static final String OUTPUTS_KEY = LogSetup.class.getName() + ".outputs";

  /** What the installed appenders write to; levels are not part of it, they change in place. */
  private record Outputs(boolean toFile, Path logsDir, long fileBytes, long archiveBytes) {}

  private LogSetup() {}

  /**
   * Brings logging in line with the settings; does nothing when they have not changed. On failure
   * (the log directory cannot be created or the file opened) the previous outputs stay in place.
   *
   * @param debug DEBUG for {@code dev.cliproxy} loggers, INFO otherwise
   * @param toFile write {@code main.log} under {@code logsDir}; the console keeps WARN and above
   * @param logsDir the directory for {@code main.log}, created if missing; ignored (may be null)
   *     when {@code toFile} is false
   * @throws UncheckedIOException if {@code logsDir} cannot be created
   * @throws IllegalStateException if the log file cannot be opened
   */
  public static void apply(boolean debug, boolean toFile, Path logsDir) {
    apply(debug, toFile, logsDir, RequestLogSettings.DEFAULTS.budget());
  }

  /**
   * As {@link #apply(boolean, boolean, Path)}, with the main log's sizes from {@code budget} (the
   * {@code logs-max-total-size-mb} cap shared out).
   */
  public static void apply(boolean debug, boolean toFile, Path logsDir, LogBudget budget) {
    apply(context(), debug, toFile, logsDir, budget);
  }

  static void apply(LoggerContext context, boolean debug, boolean toFile, Path logsDir) {
    apply(context, debug, toFile, logsDir, RequestLogSettings.DEFAULTS.budget());
  }

  static synchronized void apply(
      LoggerContext context, boolean debug, boolean toFile, Path logsDir, LogBudget budget) {
    if (toFile) {
      Objects.requireNonNull(logsDir, "logsDir is required when logging to a file");
    }
    Outputs wanted =
        toFile
            ? new Outputs(
                true,
                logsDir.toAbsolutePath().normalize(),
                budget.mainFileBytes(),
                budget.mainArchiveBytes())
            : new Outputs(false, null, 0, 0);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!wanted.equals(context.getObject(OUTPUTS_KEY)) || root.getAppender(CONSOLE) == null) {
      replaceAppenders(context, root, wanted);
      context.putObject(OUTPUTS_KEY, wanted);
    }
    root.setLevel(Level.INFO);
    context.getLogger(OWN_LOGGERS).setLevel(debug ? Level.DEBUG : null);
  }

  static LoggerContext context() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      return context;
    }
    throw new IllegalStateException(
        "SLF4J is bound to " + factory.getClass().getName() + ", expected Logback");
  }

  /** Starts the new appenders before removing the old ones, so no line is lost in between. */
  private static void replaceAppenders(LoggerContext context, Logger root, Outputs wanted) {
    List<Appender<ILoggingEvent>> fresh = new ArrayList<>();
    if (wanted.toFile()) {
      fresh.add(file(context, wanted));
    }
    fresh.add(console(context, wanted.toFile() ? Level.WARN : null));
    List<Appender<ILoggingEvent>> stale = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      stale.add(it.next());
    }
    fresh.forEach(root::addAppender);
    for (Appender<ILoggingEvent> old : stale) {
      root.detachAppender(old);
      old.stop();
    }
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, Level threshold) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(CONSOLE);
    console.setEncoder(encoder(context, System.out.charset()));
    if (threshold != null) {
      ThresholdFilter filter = new ThresholdFilter();
      filter.setContext(context);
      filter.setLevel(threshold.levelStr);
      filter.start();
      console.addFilter(filter);
    }
    console.start();
    return console;
  }

  private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Outputs wanted) {
    Path logsDir = wanted.logsDir();
    try {
      Files.createDirectories(logsDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create log directory " + logsDir, e);
    }
    // Logback patterns want forward slashes on every platform.
    String base = logsDir.toString().replace('\\', '/') + '/';

    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setName(FILE);
    file.setFile(base + FILE_NAME);
    file.setEncoder(encoder(context, StandardCharsets.UTF_8));

    SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
    rolling.setContext(context);
    rolling.setParent(file);
    rolling.setFileNamePattern(base + ROLLED_NAME);
    rolling.setMaxFileSize(new FileSize(wanted.fileBytes()));
    rolling.setMaxHistory(KEPT_DAYS);
    rolling.setTotalSizeCap(new FileSize(wanted.archiveBytes()));
    rolling.setCleanHistoryOnStart(true);
    rolling.start();
    file.setRollingPolicy(rolling);
    file.start();
    if (!file.isStarted()) {
      throw new IllegalStateException(
          "cannot open log file " + base + FILE_NAME + lastError(context, file));
    }
    return file;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, Charset charset) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.setCharset(charset);
    encoder.start();
    return encoder;
  }

  private static String lastError(LoggerContext context, Object origin) {
    String message = "";
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getOrigin() == origin && status.getLevel() == Status.ERROR) {
        message = ": " + status.getMessage();
      }
    }
    return message;
  }
}
