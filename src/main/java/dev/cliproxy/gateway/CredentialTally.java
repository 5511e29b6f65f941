package dev.cliproxy.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each credential's tries went since the proxy started, as the reference reports it in {@code
 * /auth-files} and the key lists: tries that succeeded and failed, and the last {@value #BUCKETS}
 * ten-minute buckets of both. Counted per {@link dev.cliproxy.auth.AuthIndex}, so a reload that
 * rebuilds the credentials keeps their counts, and the projects of one Gemini file add up. A try
 * the client hung up during counts as neither.
 */
public final class CredentialTally implements GatewayListener {
  /** Buckets kept, as the reference keeps them. */
  public static final int BUCKETS = 20;

  private static final long BUCKET_SECONDS = 600;
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final Clock clock;
  private final ConcurrentHashMap<String, Counts> byIndex = new ConcurrentHashMap<>();

  public CredentialTally(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void on(GatewayEvent event) {
    if (event instanceof GatewayEvent.Attempted tried && !tried.clientLeft()) {
      byIndex
          .computeIfAbsent(tried.authIndex(), i -> new Counts())
          .add(!tried.upstreamFailed(), bucketOf(clock.instant()));
    }
  }

  /** What is counted for a credential; zeros for one that has not been tried. */
  public Tally of(String authIndex) {
    Counts counts = byIndex.get(authIndex);
    long now = bucketOf(clock.instant());
    return counts == null ? Tally.empty(now, clock.getZone()) : counts.tally(now, clock.getZone());
  }

  private static long bucketOf(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS);
  }

  /**
   * A credential's figures.
   *
   * @param recent the last {@value #BUCKETS} buckets, oldest first, each labelled with its span in
   *     the proxy's time zone, e.g. {@code 15:00-15:10}
   */
  public record Tally(long success, long failed, List<Bucket> recent) {
    public Tally {
      recent = List.copyOf(recent);
    }

    static Tally empty(long now, ZoneId zone) {
      return new Counts().tally(now, zone);
    }
  }

  /** One ten-minute bucket. */
  public record Bucket(String time, long success, long failed) {}

  private static final class Counts {
    private long success;
    private long failed;
    private final long[] ids = new long[BUCKETS];
    private final long[] successes = new long[BUCKETS];
    private final long[] failures = new long[BUCKETS];

    synchronized void add(boolean succeeded, long bucket) {
      int slot = (int) Math.floorMod(bucket, BUCKETS);
      if (ids[slot] != bucket) {
        ids[slot] = bucket;
        successes[slot] = 0;
        failures[slot] = 0;
      }
      if (succeeded) {
        success++;
        successes[slot]++;
      } else {
        failed++;
        failures[slot]++;
      }
    }

    synchronized Tally tally(long now, ZoneId zone) {
      List<Bucket> recent = new ArrayList<>(BUCKETS);
      for (long bucket = now - BUCKETS + 1; bucket <= now; bucket++) {
        int slot = (int) Math.floorMod(bucket, BUCKETS);
        boolean current = ids[slot] == bucket;
        recent.add(
            new Bucket(
                label(bucket, zone), current ? successes[slot] : 0, current ? failures[slot] : 0));
      }
      return new Tally(success, failed, recent);
    }

    private static String label(long bucket, ZoneId zone) {
      Instant start = Instant.ofEpochSecond(bucket * BUCKET_SECONDS);
      return CLOCK_TIME.format(start.atZone(zone))
          + "-"
          + CLOCK_TIME.format(start.plusSeconds(BUCKET_SECONDS).atZone(zone));
    }
  }
}
