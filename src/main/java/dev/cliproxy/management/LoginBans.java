package dev.cliproxy.management;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed management logins per peer address: the fifth failure in a row bans the address for 30
 * minutes; a success clears its count. Entries are dropped once their ban is over or their last
 * failure is older than a ban, so the table stays small whatever peers try.
 */
final class LoginBans {
  static final int FAILURES_BEFORE_BAN = 5;
  static final Duration BAN = Duration.ofMinutes(30);
  private static final int MAX_TRACKED = 10_000;

  private record Entry(int failures, Instant lastFailure, Instant bannedUntil) {}

  private final Clock clock;
  private final Map<InetAddress, Entry> entries = new ConcurrentHashMap<>();

  LoginBans(Clock clock) {
    this.clock = clock;
  }

  /** How much longer the address is banned for, if it is. */
  Optional<Duration> remaining(InetAddress peer) {
    Entry entry = entries.get(peer);
    if (entry == null || entry.bannedUntil() == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!now.isBefore(entry.bannedUntil())) {
      entries.remove(peer, entry);
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, entry.bannedUntil()));
  }

  /** Counts a failure; the one that reaches the limit starts a ban and resets the count. */
  void failed(InetAddress peer) {
    Instant now = clock.instant();
    if (entries.size() >= MAX_TRACKED) {
      prune(now);
    }
    entries.compute(
        peer,
        (address, entry) -> {
          int failures =
              entry == null || entry.lastFailure().plus(BAN).isBefore(now)
                  ? 1
                  : entry.failures() + 1;
          return failures >= FAILURES_BEFORE_BAN
              ? new Entry(0, now, now.plus(BAN))
              : new Entry(failures, now, null);
        });
  }

  /** Clears the address's failures after a good key. */
  void succeeded(InetAddress peer) {
    entries.remove(peer);
  }

  private void prune(Instant now) {
    entries
        .entrySet()
        .removeIf(e ->
            (e.getValue().bannedUntil() == null
                    ? e.getValue().lastFailure().plus(BAN)
                    : e.getValue().bannedUntil())
                .isBefore(now));
  }

  /** A duration as Go prints it rounded to seconds ({@code 29m41s}), as the reference answers. */
  static String goDuration(Duration d) {
    long seconds = Math.max(0, d.plusMillis(500).getSeconds());
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    StringBuilder out = new StringBuilder();
    if (h > 0) {
      out.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      out.append(m).append('m');
    }
    return out.append(s).append('s').toString();
  }
}
