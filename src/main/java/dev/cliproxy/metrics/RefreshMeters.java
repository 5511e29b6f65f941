package dev.cliproxy.metrics;

import dev.cliproxy.auth.refresh.RefreshListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** Token refreshes by provider and result, as the refresh engine reports them. */
final class RefreshMeters implements RefreshListener {
  private final Meter.MeterProvider<Counter> refreshes;

  RefreshMeters(MeterRegistry registry) {
    this.refreshes =
        Counter.builder("cliproxy.token.refreshes")
            .description(
                "OAuth token refreshes by provider and result: refreshed; failed (tried again"
                    + " after a back-off); needs_login (the refresh token was refused for good)")
            .withRegistry(registry);
  }

  @Override
  public void refreshed(String provider, Result result) {
    refreshes
        .withTags("provider", provider, "result", result.name().toLowerCase(Locale.ROOT))
        .increment();
  }
}
