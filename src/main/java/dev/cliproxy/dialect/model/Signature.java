package dev.cliproxy.dialect.model;

import java.util.Optional;

/**
 * An opaque value a provider attached to reasoning, valid only when sent back to the same kind of
 * provider. Upstream requests carry it only when {@link #origin()} is the upstream's dialect
 * ({@link #forUpstream}); answers to clients of another dialect carry it wrapped ({@link
 * #forClient}, see {@link SignatureCarrier}) so that it comes back in the client's next request and
 * is unwrapped there ({@link #read}).
 *
 * @param origin the dialect that produced it
 * @param value the value, byte for byte as received
 */
public record Signature(Dialect origin, String value) {

  /**
   * A value read from a {@code wire} dialect's signature field: the proxy's carrier gives back the
   * signature it wraps, anything else is {@code wire}'s own.
   */
  public static Signature read(Dialect wire, String value) {
    return SignatureCarrier.unwrap(value).orElseGet(() -> new Signature(wire, value));
  }

  /** The value to write in a request to an upstream speaking {@code upstream}: only its own. */
  public Optional<String> forUpstream(Dialect upstream) {
    return origin == upstream ? Optional.of(value) : Optional.empty();
  }

  /**
   * The value to write in an answer to a client speaking {@code client}: verbatim when it is that
   * dialect's own, wrapped when its origin needs it back, else nothing.
   */
  public Optional<String> forClient(Dialect client) {
    if (origin == client) {
      return Optional.of(value);
    }
    return SignatureCarrier.carries(origin)
        ? Optional.of(SignatureCarrier.wrap(this))
        : Optional.empty();
  }
}
