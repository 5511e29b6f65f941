package dev.cliproxy.auth;

import dev.cliproxy.config.ProxyUrl;
import java.util.Optional;

/**
 * One upstream credential as routing sees it.
 *
 * @param id stable identity across reloads (never contains the secret)
 * @param provider provider key it belongs to, e.g. {@code openrouter}
 * @param label what logs and status pages call it (never the secret)
 * @param apiKey the secret sent upstream; empty for upstreams without keys
 * @param proxyUrl outbound proxy for this credential, overriding the global one
 */
public record Credential(
    String id, String provider, String label, String apiKey, Optional<ProxyUrl> proxyUrl) {

  @Override
  public String toString() {
    return "Credential[" + id + ", " + label + "]";
  }
}
