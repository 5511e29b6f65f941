package dev.cliproxy.logs;

import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;

/**
 * The logging keys of {@code config.yaml} beyond the core's {@code debug} and {@code
 * logging-to-file}: {@code request-log} (a log file per request), {@code error-logs-max-files}
 * (while {@code request-log} is off, how many {@code error-*.log} files of failed requests are
 * kept; 0 writes none) and {@code logs-max-total-size-mb} (what the whole logs directory may hold:
 * main log, request logs and error logs together). Read from whichever config a request's snapshot
 * holds, so a reload applies to the next request.
 *
 * @param requestLog whether every request gets a log file
 * @param errorLogsMaxFiles how many error logs are kept while {@code requestLog} is off
 * @param maxTotalMegabytes the cap on the logs directory, in MiB
 */
public record RequestLogSettings(boolean requestLog, int errorLogsMaxFiles, int maxTotalMegabytes) {

  /** As CLIProxyAPI: no request logs, the newest 10 error logs; and at most 1 GiB in all. */
  public static final RequestLogSettings DEFAULTS = new RequestLogSettings(false, 10, 1024);

  static final String REQUEST_LOG = "request-log";
  static final String ERROR_LOGS_MAX_FILES = "error-logs-max-files";
  static final String MAX_TOTAL_SIZE_MB = "logs-max-total-size-mb";

  private static final int MAX_MEGABYTES = 1 << 20;
  private static final int MAX_ERROR_FILES = 100_000;
  private static final long MIB = 1024L * 1024L;

  private static final ConfigSection<Boolean> REQUEST_LOG_KEY =
      ConfigSection.of(
          REQUEST_LOG,
          DEFAULTS.requestLog(),
          (value, context) -> value.bool(DEFAULTS.requestLog()));
  private static final ConfigSection<Integer> ERROR_LOGS_KEY =
      ConfigSection.of(
          ERROR_LOGS_MAX_FILES,
          DEFAULTS.errorLogsMaxFiles(),
          (value, context) -> value.integer(DEFAULTS.errorLogsMaxFiles(), 0, MAX_ERROR_FILES));
  private static final ConfigSection<Integer> TOTAL_KEY =
      ConfigSection.of(
          MAX_TOTAL_SIZE_MB,
          DEFAULTS.maxTotalMegabytes(),
          (value, context) -> value.integer(DEFAULTS.maxTotalMegabytes(), 1, MAX_MEGABYTES));

  /** The keys, merged into the loader's schema. */
  public static final ConfigSchema SCHEMA =
      ConfigSchema.EMPTY
          .withSection(REQUEST_LOG_KEY)
          .withSection(ERROR_LOGS_KEY)
          .withSection(TOTAL_KEY);

  /** The settings of a config; {@link #DEFAULTS} for one read without {@link #SCHEMA}. */
  public static RequestLogSettings of(Config config) {
    return new RequestLogSettings(
        config.section(REQUEST_LOG_KEY), config.section(ERROR_LOGS_KEY), config.section(TOTAL_KEY));
  }

  /** How the cap is shared out between the main log and the request and error logs. */
  public LogBudget budget() {
    return LogBudget.of(maxTotalMegabytes * MIB);
  }
}
