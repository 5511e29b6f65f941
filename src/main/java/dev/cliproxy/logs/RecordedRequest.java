package dev.cliproxy.logs;

import dev.cliproxy.gateway.ClientRequest;
import dev.cliproxy.gateway.ClientSink;
import dev.cliproxy.gateway.RequestRecorder;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.gateway.UpstreamAnswer;
import dev.cliproxy.provider.UpstreamRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's recorder. With {@code full} (the {@code request-log} key) it copies, bounded, the
 * answers as they are read and the events as they are sent, and always hands its entry to the
 * writer. Without it (error logs only) it keeps references to what passes anyway (the bodies sent,
 * the error bodies) and copies nothing per event; it hands its entry over only when the request
 * failed: a status of 400 or more to the client, or a failed try.
 */
final class RecordedRequest implements RequestRecorder {
  /** Tries kept per request; a longer failover is summed up in the last. */
  private static final int MAX_TRIES = 16;

  private final boolean full;
  private final ClientRequest request;
  private final RuntimeSnapshot snapshot;
  private final RequestLogSettings settings;
  private final RequestLogWriter writer;
  private final Instant started;
  private final long startedNanos = System.nanoTime();
  private final Map<Integer, TryNotes> tries = new LinkedHashMap<>();
  private RecordingSink sink;
  private boolean failed;

  /** What is known of one try so far. */
  private static final class TryNotes {
    final int number;
    UpstreamRequest sent;
    int status;
    List<Map.Entry<String, String>> answerHeaders = List.of();
    BodyCapture answerBody;
    byte[] errorBody = new byte[0];
    String failure = "";

    TryNotes(int number) {
      this.number = number;
    }
  }

  RecordedRequest(
      boolean full,
      ClientRequest request,
      RuntimeSnapshot snapshot,
      RequestLogSettings settings,
      RequestLogWriter writer,
      Clock clock) {
    this.full = full;
    this.request = request;
    this.snapshot = snapshot;
    this.settings = settings;
    this.writer = writer;
    this.started = clock.instant();
    writer.begin();
  }

  @Override
  public ClientSink watch(ClientSink client) {
    sink = new RecordingSink(client, full ? new BodyCapture() : null);
    return sink;
  }

  @Override
  public void sent(int attempt, UpstreamRequest upstream) {
    TryNotes notes = notes(attempt);
    if (notes != null) {
      notes.sent = upstream;
    }
  }

  @Override
  public UpstreamAnswer answered(int attempt, UpstreamAnswer answer) {
    TryNotes notes = notes(attempt);
    if (notes == null) {
      return answer;
    }
    notes.status = answer.status();
    notes.answerHeaders = answer.headers().entries();
    if (!full) {
      return answer;
    }
    notes.answerBody = new BodyCapture();
    return new RecordingAnswer(answer, notes.answerBody);
  }

  @Override
  public void failed(int attempt, int status, byte[] body, String reason) {
    failed = true;
    TryNotes notes = notes(attempt);
    if (notes != null) {
      notes.status = status;
      notes.errorBody = body;
      notes.failure = reason;
    }
  }

  @Override
  public void finished() {
    int status = sink == null ? 0 : sink.status();
    if (!full && !failed && status < 400) {
      writer.skip();
      return;
    }
    RequestLogEntry entry;
    try {
      entry = entry();
    } catch (RuntimeException e) {
      writer.skip();
      throw e;
    }
    writer.submit(entry);
  }

  private TryNotes notes(int attempt) {
    TryNotes notes = tries.get(attempt);
    if (notes == null && tries.size() < MAX_TRIES) {
      notes = new TryNotes(attempt);
      tries.put(attempt, notes);
    }
    return notes;
  }

  private RequestLogEntry entry() {
    List<RequestLogEntry.Try> done = new ArrayList<>();
    for (TryNotes notes : tries.values()) {
      UpstreamRequest sent = notes.sent;
      BodyCapture.Body answerBody =
          notes.answerBody != null && notes.answerBody.body().bytes().length > 0
              ? notes.answerBody.body()
              : BodyCapture.Body.of(notes.errorBody, BodyCapture.CAP);
      done.add(
          new RequestLogEntry.Try(
              notes.number,
              sent == null ? "" : sent.url().toString(),
              sent == null ? List.of() : sent.headers(),
              sent == null
                  ? BodyCapture.Body.NONE
                  : BodyCapture.Body.of(sent.body(), BodyCapture.CAP),
              notes.status,
              notes.answerHeaders,
              answerBody,
              notes.failure));
    }
    RequestLogEntry.Answer answer =
        sink == null
            ? new RequestLogEntry.Answer(0, "", Map.of(), false, BodyCapture.Body.NONE, false)
            : new RequestLogEntry.Answer(
                sink.status(),
                sink.contentType(),
                sink.headers(),
                sink.streamed(),
                sink.body(),
                sink.hungUp());
    return new RequestLogEntry(
        full ? RequestLogEntry.Kind.REQUEST : RequestLogEntry.Kind.ERROR,
        LogFileNames.newId(started),
        started,
        Duration.ofNanos(System.nanoTime() - startedNanos),
        new RequestLogEntry.ClientPart(
            "POST",
            request.api().toString(),
            request.path(),
            request.clientKey(),
            request.headers().byName(),
            BodyCapture.Body.of(request.body(), BodyCapture.CAP)),
        done,
        answer,
        snapshot,
        settings);
  }
}
