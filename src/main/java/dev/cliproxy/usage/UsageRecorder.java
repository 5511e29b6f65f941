package dev.cliproxy.usage;

import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.gateway.GatewayEvent;
import dev.cliproxy.gateway.GatewayListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Turns the events of each request ({@code Accepted}, its {@code Attempted}s, then {@code
 * Delivered}, {@code HungUp} or {@code Failed}) into one {@link UsageRecord} and hands it to a sink
 * (the {@link UsageWriter}'s queue). It runs on the request's thread, so it only keeps the
 * request's head and last try in a map until the end comes. The map is bounded: past {@code
 * maxInFlight} requests the oldest is evicted, and {@link #sweep} evicts those older than {@code
 * maxAge} (a request whose end never came); both are counted.
 */
public final class UsageRecorder implements GatewayListener {

  /** What is known of a request between its acceptance and its end. */
  private record Pending(GatewayEvent.Accepted accepted, Optional<GatewayEvent.Attempted> last) {}

  static final int MAX_NAME = 200;

  private final ConcurrentSkipListMap<Long, Pending> inFlight = new ConcurrentSkipListMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong evicted = new AtomicLong();
  private final Predicate<UsageRecord> sink;
  private final BooleanSupplier recording;
  private final int maxInFlight;
  private final Duration maxAge;

  /**
   * A recorder.
   *
   * @param sink takes each finished record without blocking; false when it refused it
   * @param recording read at each acceptance: whether this request is recorded
   * @param maxInFlight the most requests remembered between acceptance and end
   * @param maxAge how long a request may go without its end before {@link #sweep} forgets it
   */
  public UsageRecorder(
      Predicate<UsageRecord> sink, BooleanSupplier recording, int maxInFlight, Duration maxAge) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive");
    }
    this.sink = sink;
    this.recording = recording;
    this.maxInFlight = maxInFlight;
    this.maxAge = maxAge;
  }

  @Override
  public void on(GatewayEvent event) {
    switch (event) {
      case GatewayEvent.Accepted accepted -> accept(accepted);
      case GatewayEvent.Attempted attempted ->
          inFlight.computeIfPresent(
              attempted.requestId(),
              (id, pending) -> new Pending(pending.accepted(), Optional.of(attempted)));
      case GatewayEvent.Delivered delivered ->
          end(delivered.requestId()).ifPresent(pending -> sink.test(delivered(pending, delivered)));
      case GatewayEvent.HungUp hungUp ->
          end(hungUp.requestId()).ifPresent(pending -> sink.test(hungUp(pending, hungUp)));
      case GatewayEvent.Failed failed ->
          end(failed.requestId()).ifPresent(pending -> sink.test(failed(pending, failed)));
    }
  }

  /** Forgets the requests accepted before {@code now - maxAge}; returns how many. */
  public int sweep(Instant now) {
    Instant cutoff = now.minus(maxAge);
    int swept = 0;
    for (Map.Entry<Long, Pending> entry : inFlight.entrySet()) {
      if (entry.getValue().accepted().at().isBefore(cutoff)
          && inFlight.remove(entry.getKey(), entry.getValue())) {
        size.decrementAndGet();
        swept++;
      }
    }
    evicted.addAndGet(swept);
    return swept;
  }

  /** Requests forgotten before their end came (too many in flight, or too old). */
  public long evicted() {
    return evicted.get();
  }

  /** Requests accepted whose end has not come yet. */
  public int inFlight() {
    return size.get();
  }

  private void accept(GatewayEvent.Accepted accepted) {
    if (!recording.getAsBoolean()) {
      return;
    }
    if (inFlight.put(accepted.requestId(), new Pending(accepted, Optional.empty())) == null
        && size.incrementAndGet() > maxInFlight) {
      // Request ids grow, so the first entry is the oldest request.
      Map.Entry<Long, Pending> oldest = inFlight.pollFirstEntry();
      if (oldest != null) {
        size.decrementAndGet();
        evicted.incrementAndGet();
      }
    }
  }

  private Optional<Pending> end(long requestId) {
    Pending pending = inFlight.remove(requestId);
    if (pending == null) {
      return Optional.empty();
    }
    size.decrementAndGet();
    return Optional.of(pending);
  }

  private static UsageRecord delivered(Pending pending, GatewayEvent.Delivered delivered) {
    Optional<GatewayEvent.Attempted> last =
        pending.last().filter(a -> a.credentialId().equals(delivered.credentialId()));
    Usage tokens = delivered.usage().orElse(Usage.NONE);
    return record(
        pending.accepted(),
        delivered.provider(),
        delivered.credentialId(),
        delivered.upstreamModel(),
        delivered.status(),
        delivered.elapsed(),
        last.flatMap(GatewayEvent.Attempted::firstByte),
        tokens,
        !delivered.complete() || delivered.status() >= 400,
        last.map(GatewayEvent.Attempted::authIndex).orElse(""));
  }

  /** A client that hung up is recorded as nginx logs it: 499, failed, with the tokens so far. */
  private static UsageRecord hungUp(Pending pending, GatewayEvent.HungUp hungUp) {
    Optional<GatewayEvent.Attempted> last =
        pending
            .last()
            .filter(a -> hungUp.credentialId().map(a.credentialId()::equals).orElse(true));
    return record(
        pending.accepted(),
        last.map(GatewayEvent.Attempted::provider).orElse(""),
        hungUp.credentialId().or(() -> last.map(GatewayEvent.Attempted::credentialId)).orElse(""),
        last.map(GatewayEvent.Attempted::upstreamModel).orElse(""),
        499,
        hungUp.elapsed(),
        last.flatMap(GatewayEvent.Attempted::firstByte),
        hungUp.usage().orElse(Usage.NONE),
        true,
        last.map(GatewayEvent.Attempted::authIndex).orElse(""));
  }

  private static UsageRecord failed(Pending pending, GatewayEvent.Failed failed) {
    Optional<GatewayEvent.Attempted> last = pending.last();
    return record(
        pending.accepted(),
        last.map(GatewayEvent.Attempted::provider).orElse(""),
        last.map(GatewayEvent.Attempted::credentialId).orElse(""),
        last.map(GatewayEvent.Attempted::upstreamModel).orElse(""),
        failed.error().status(),
        failed.elapsed(),
        last.flatMap(GatewayEvent.Attempted::firstByte),
        Usage.NONE,
        true,
        last.map(GatewayEvent.Attempted::authIndex).orElse(""));
  }

  /** Names a client chose (model, path) are kept to their first {@link #MAX_NAME} characters. */
  private static String bounded(String name) {
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }

  private static UsageRecord record(
      GatewayEvent.Accepted accepted,
      String provider,
      String credential,
      String upstreamModel,
      int status,
      Duration elapsed,
      Optional<Duration> firstByte,
      Usage tokens,
      boolean failed,
      String authIndex) {
    return new UsageRecord(
        UUID.randomUUID().toString(),
        accepted.at(),
        bounded(accepted.clientKey().orElseGet(() -> "POST " + accepted.path())),
        accepted.api().name(),
        provider,
        credential,
        bounded(accepted.model().filter(m -> !m.isBlank()).orElse(UsageRecord.UNKNOWN_MODEL)),
        bounded(upstreamModel),
        status,
        accepted.stream(),
        elapsed.toMillis(),
        firstByte.map(d -> OptionalLong.of(d.toMillis())).orElse(OptionalLong.empty()),
        tokens,
        tokens.totalTokens(),
        failed,
        authIndex);
  }
}
