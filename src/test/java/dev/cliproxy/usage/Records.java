package dev.cliproxy.usage;

import dev.cliproxy.dialect.model.Usage;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/** Usage records for tests: one line each, the fields a test cares about named. */
final class Records {
  private Records() {}

  /** A delivered request of {@code client} for {@code model} through {@code credential}. */
  static UsageRecord served(
      Instant at, String client, String model, String credential, Usage tokens) {
    return new UsageRecord(
        UUID.randomUUID().toString(),
        at,
        client,
        "OPENAI_CHAT",
        "up",
        credential,
        model,
        model + "-upstream",
        200,
        false,
        120,
        OptionalLong.of(40),
        tokens,
        tokens.totalTokens(),
        false,
        "idx-" + credential);
  }

  /** A failed request (502, no tokens). */
  static UsageRecord failed(Instant at, String client, String model, String credential) {
    return new UsageRecord(
        UUID.randomUUID().toString(),
        at,
        client,
        "OPENAI_CHAT",
        "up",
        credential,
        model,
        model + "-upstream",
        502,
        true,
        80,
        OptionalLong.empty(),
        Usage.NONE,
        0,
        true,
        "idx-" + credential);
  }
}
