package dev.cliproxy.metrics;

import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.auth.CredentialStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The credentials by state ({@code ready}, {@code resting}, {@code disabled}, {@code needs_login}),
 * read from the pool's {@link CredentialPool#status()} when scraped, so they are never stale.
 */
final class CredentialGauges {
  private CredentialGauges() {}

  static void bind(CredentialPool pool, MeterRegistry registry) {
    for (CredentialStatus.State state : CredentialStatus.State.values()) {
      Gauge.builder("cliproxy.credentials", pool, p -> count(p, state))
          .description(
              "Credentials (keys and accounts) by state: ready; resting for some model after a"
                  + " failure; disabled (the upstream refused it); needs_login (its refresh token"
                  + " was refused)")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  private static double count(CredentialPool pool, CredentialStatus.State state) {
    return pool.status().stream().filter(status -> status.state() == state).count();
  }
}
