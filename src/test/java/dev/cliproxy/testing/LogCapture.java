package dev.cliproxy.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every event the root logger sees, at every level and from every logger, kept in memory as text:
 * level, logger, formatted message, MDC, key-value pairs and the stack trace with its messages.
 * What any console or file appender could print is a part of it. Attach it after the proxy started:
 * {@code LogSetup} replaces the root's appenders whenever its outputs change.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger root;

  private LogCapture(Logger root) {
    this.root = root;
  }

  /** Starts capturing on the root logger of the Logback context SLF4J is bound to. */
  public static LogCapture onRoot() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogCapture capture = new LogCapture(context.getLogger(Logger.ROOT_LOGGER_NAME));
    capture.setContext(context);
    capture.setName("test-capture");
    capture.start();
    capture.root.addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder()
            .append(event.getLevel())
            .append(" [")
            .append(event.getLoggerName())
            .append("] ")
            .append(event.getFormattedMessage());
    if (!event.getMDCPropertyMap().isEmpty()) {
      line.append(" mdc=").append(event.getMDCPropertyMap());
    }
    if (event.getKeyValuePairs() != null && !event.getKeyValuePairs().isEmpty()) {
      line.append(" kv=").append(event.getKeyValuePairs());
    }
    if (event.getThrowableProxy() != null) {
      line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    lines.add(line.toString());
  }

  /** The lines captured so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Whether this capture is still attached to the root logger (a reload may have removed it). */
  public boolean attached() {
    return root.isAttached(this);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
