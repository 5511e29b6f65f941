package dev.cliproxy.dialect.model;

/**
 * An opaque value a provider attached to reasoning, valid only when sent back to the same kind of
 * provider. Codecs write it out only when {@link #origin()} is their own dialect, and drop it
 * otherwise.
 *
 * @param origin the dialect that produced it
 * @param value the value, byte for byte as received
 */
public record Signature(Dialect origin, String value) {}
