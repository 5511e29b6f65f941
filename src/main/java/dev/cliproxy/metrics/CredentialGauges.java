package dev.cliproxy.metrics;

import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.auth.CredentialStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The credentials by provider and state ({@code ready}, {@code resting}, {@code disabled}, {@code
 * needs_login}), counted from the pool's {@link CredentialPool#status()} at each scrape ({@link
 * #refresh}), so they are never stale: every state of every provider the pool tracks has a row
 * (zero included), and a provider the config no longer has loses its rows.
 */
final class CredentialGauges {
  private final CredentialPool pool;
  private final MultiGauge gauge;

  CredentialGauges(CredentialPool pool, MeterRegistry registry) {
    this.pool = pool;
    this.gauge =
        MultiGauge.builder("cliproxy.credentials")
            .description(
                "Credentials (keys and accounts) by provider and state: ready; resting for some"
                    + " model after a failure; disabled (the upstream refused it); needs_login"
                    + " (its refresh token was refused)")
            .register(registry);
    refresh();
  }

  /** Counts the credentials again. */
  void refresh() {
    Map<String, long[]> counts = new TreeMap<>();
    for (CredentialStatus status : pool.status()) {
      counts
          .computeIfAbsent(
              status.provider(), p -> new long[CredentialStatus.State.values().length])[
          status.state().ordinal()]++;
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    counts.forEach((provider, byState) -> {
      for (CredentialStatus.State state : CredentialStatus.State.values()) {
        rows.add(
            MultiGauge.Row.of(
                Tags.of("provider", provider, "state", state.name().toLowerCase(Locale.ROOT)),
                byState[state.ordinal()]));
      }
    });
    gauge.register(rows, true);
  }
}
