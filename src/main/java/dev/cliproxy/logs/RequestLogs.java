package dev.cliproxy.logs;

import dev.cliproxy.gateway.ClientRequest;
import dev.cliproxy.gateway.RequestRecorder;
import dev.cliproxy.gateway.RequestRecording;
import dev.cliproxy.gateway.RuntimeSnapshot;
import java.time.Clock;

/**
 * The request and error logs of the running proxy, in its logs directory: chooses each request's
 * recorder from the settings of the snapshot it is answered from (a full log with {@code
 * request-log}, else an error log if it fails while {@code error-logs-max-files} is above 0, else
 * nothing at all) and writes the files on a thread of its own.
 */
public final class RequestLogs implements RequestRecording, AutoCloseable {
  private final LogsDirectory dir;
  private final RequestLogWriter writer;
  private final Clock clock;

  public RequestLogs(LogsDirectory dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
    this.writer = new RequestLogWriter(dir);
  }

  /** The directory written to. */
  public LogsDirectory directory() {
    return dir;
  }

  @Override
  public RequestRecorder open(ClientRequest request, RuntimeSnapshot snapshot) {
    RequestLogSettings settings = RequestLogSettings.of(snapshot.config());
    if (!settings.requestLog() && settings.errorLogsMaxFiles() == 0) {
      return RequestRecorder.OFF;
    }
    return new RecordedRequest(settings.requestLog(), request, snapshot, settings, writer, clock);
  }

  /** Waits until the logs of the requests answered so far are written (or dropped). */
  public void drain() throws InterruptedException {
    writer.drain();
  }

  /** Stops the writer once what is queued is written (waiting a few seconds at most). */
  @Override
  public void close() {
    writer.close();
  }
}
