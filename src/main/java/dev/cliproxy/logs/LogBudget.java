package dev.cliproxy.logs;

/**
 * The logs directory's cap shared out: the main log rolls at {@code mainFileBytes} and keeps at
 * most {@code mainArchiveBytes} of rolled files (Logback's {@code totalSizeCap}), and what is left
 * is for request and error logs, the oldest of which are deleted to make room. So the directory
 * never holds more than the cap, whatever the traffic.
 *
 * @param totalBytes the cap on the whole directory
 * @param mainFileBytes the size at which {@code main.log} rolls over
 * @param mainArchiveBytes the most the rolled main logs hold together
 * @param requestLogBytes the most request and error logs hold together
 */
public record LogBudget(
    long totalBytes, long mainFileBytes, long mainArchiveBytes, long requestLogBytes) {

  private static final long MAIN_FILE_MAX = 10L * 1024 * 1024;
  private static final long MAIN_ARCHIVE_MAX = 200L * 1024 * 1024;

  /** The main log takes at most an eighth of the cap per file and a quarter for rolled files. */
  public static LogBudget of(long totalBytes) {
    long file = Math.min(MAIN_FILE_MAX, totalBytes / 8);
    long archive = Math.min(MAIN_ARCHIVE_MAX, totalBytes / 4);
    return new LogBudget(totalBytes, file, archive, totalBytes - file - archive);
  }
}
