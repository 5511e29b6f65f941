package dev.cliproxy.cli;

import dev.cliproxy.amp.AmpSecret;
import dev.cliproxy.auth.refresh.RefreshEngine;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.provider.ProviderKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The parts that differ between the shipped proxy and tests.
 *
 * @param kinds the provider kinds: their config sections, providers, accounts and refreshes
 * @param refreshTick how often accounts due for a refresh are looked for
 * @param ampSecret where the key sent to the Amp upstream comes from
 * @param managementPassword {@code MANAGEMENT_PASSWORD}: a management key that needs no config
 */
public record ProxyWiring(
    ProviderKinds kinds,
    Duration refreshTick,
    AmpSecret ampSecret,
    Optional<String> managementPassword) {
  /** What the proxy ships with. */
  public static ProxyWiring standard() {
    return new ProxyWiring(
        ProviderKinds.shipped(),
        RefreshEngine.DEFAULT_TICK,
        AmpSecret.standard(),
        Optional.ofNullable(System.getenv("MANAGEMENT_PASSWORD")));
  }

  /** This wiring with these provider kinds instead of its own. */
  public ProxyWiring withKinds(ProviderKinds other) {
    return new ProxyWiring(other, refreshTick, ampSecret, managementPassword);
  }

  /** This wiring with these provider kinds instead of its own. */
  public ProxyWiring withKinds(List<ProviderKind> other) {
    return withKinds(ProviderKinds.of(other));
  }

  /** This wiring with one more provider kind after its own. */
  public ProxyWiring withKind(ProviderKind extra) {
    return withKinds(kinds.plus(extra));
  }

  /** This wiring with another refresh tick. */
  public ProxyWiring withRefreshTick(Duration tick) {
    return new ProxyWiring(kinds, tick, ampSecret, managementPassword);
  }

  /** This wiring with the Amp secret read from elsewhere (another home, environment or clock). */
  public ProxyWiring withAmpSecret(AmpSecret secret) {
    return new ProxyWiring(kinds, refreshTick, secret, managementPassword);
  }

  /** This wiring with another (or no) {@code MANAGEMENT_PASSWORD}. */
  public ProxyWiring withManagementPassword(Optional<String> password) {
    return new ProxyWiring(kinds, refreshTick, ampSecret, password);
  }

  /** Reads the config with every kind's sections. */
  public ConfigLoader configLoader() {
    return kinds.configLoader();
  }
}
