package dev.cliproxy.dialect.model;

import java.util.function.Supplier;

/**
 * What codecs may not make up themselves, so they stay pure and their output is reproducible in
 * tests: the current time and fresh random ids.
 *
 * @param nowEpochSeconds the time to stamp on answers that lack one
 * @param randomSuffix a source of fresh random alphanumeric strings (24 characters) for ids a
 *     dialect requires but the other side did not supply, e.g. {@code toolu_} + suffix
 */
public record CodecContext(long nowEpochSeconds, Supplier<String> randomSuffix) {}
