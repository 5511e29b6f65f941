package dev.cliproxy.amp;

import dev.cliproxy.auth.SecretMask;
import java.util.Objects;

/**
 * The key the proxy sends to the Amp upstream for one request, and where it came from.
 *
 * @param value the key, trimmed and never blank
 * @param source where it was found
 */
public record AmpKey(String value, Source source) {
  /** Where an Amp key comes from, in the order they are tried. */
  public enum Source {
    /** {@code ampcode.upstream-api-keys}, for the client key the request presented. */
    CLIENT_KEY_MAPPING,
    /** {@code ampcode.upstream-api-key} or {@code amp-upstream-api-key}. */
    CONFIG,
    /** The {@code AMP_API_KEY} environment variable. */
    ENVIRONMENT,
    /** {@code ~/.local/share/amp/secrets.json}, written by {@code amp login}. */
    SECRETS_FILE
  }

  public AmpKey {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an Amp key is never blank");
    }
  }

  /** The key masked as {@link SecretMask} does, and its source: safe to log. */
  @Override
  public String toString() {
    return "AmpKey[" + SecretMask.mask(value) + " from " + source + "]";
  }
}
