package dev.cliproxy.testing;

import dev.cliproxy.dialect.model.CodecContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed {@link CodecContext} codec tests use, so golden output is the same on every run: the
 * clock stands at {@link #NOW} and fresh ids count up.
 */
public final class FixedContext {
  /** The time every fixed context reports: 2023-11-14T22:13:20Z. */
  public static final long NOW = 1_700_000_000L;

  private FixedContext() {}

  /** Ids 000…001, 000…002, … (24 digits, as long as the suffixes the proxy makes up). */
  public static CodecContext create() {
    AtomicInteger n = new AtomicInteger();
    return new CodecContext(NOW, () -> String.format("%024d", n.incrementAndGet()));
  }

  /**
   * Ids {@code prefix + first}, {@code prefix + (first + 1)}, …, for goldens and assertions written
   * with short ids such as {@code call_r0} or {@code resp_rnd1}.
   */
  public static CodecContext withIds(String prefix, int first) {
    AtomicInteger n = new AtomicInteger(first);
    return new CodecContext(NOW, () -> prefix + n.getAndIncrement());
  }
}
