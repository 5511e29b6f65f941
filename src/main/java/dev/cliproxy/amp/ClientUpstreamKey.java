package dev.cliproxy.amp;

import dev.cliproxy.auth.SecretMask;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code ampcode.upstream-api-keys}: the Amp key sent upstream for requests that
 * presented one of these client keys (the proxy's own {@code api-keys}).
 *
 * @param upstreamApiKey the Amp key, trimmed and never blank
 * @param clientKeys the plain client keys it is for, trimmed, never blank, each in one entry only
 */
public record ClientUpstreamKey(String upstreamApiKey, List<String> clientKeys) {
  public ClientUpstreamKey {
    Objects.requireNonNull(upstreamApiKey, "upstreamApiKey");
    clientKeys = List.copyOf(clientKeys);
  }

  /** Keys masked as {@link SecretMask} does, so that logging an entry never shows one. */
  @Override
  public String toString() {
    return "ClientUpstreamKey["
        + SecretMask.mask(upstreamApiKey)
        + " for "
        + clientKeys.stream().map(SecretMask::mask).toList()
        + "]";
  }
}
