package dev.cliproxy.provider.codex;

import dev.cliproxy.auth.oauth.DeviceCodePoller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock in a fixed zone that moves only when something sleeps on it. */
final class FakeTime extends Clock implements DeviceCodePoller.Sleeper {
  private volatile Instant now;
  private final ZoneId zone;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  FakeTime(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  FakeTime() {
    this(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.ofHours(8));
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new FakeTime(now, other);
  }
}
