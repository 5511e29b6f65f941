package dev.cliproxy.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's start-up configuration, found through {@code META-INF/services}: INFO to stdout in our
 * own layout until {@link LogSetup#apply} applies the config file.
 *
 * <p>Without it Logback would fall back to DEBUG on the console, so Jetty's start-up DEBUG lines
 * would show before the config file is even read. Being a class rather than a {@code logback.xml}
 * also spares the XML parser at start.
 */
public final class LogDefaults extends ContextAwareBase implements Configurator {
  /** Called by Logback through {@link java.util.ServiceLoader}. */
  public LogDefaults() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LogSetup.apply(context, false, false, null);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
