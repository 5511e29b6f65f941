package dev.cliproxy.bench.load;

import java.util.Arrays;

/** A bounded, growable list of nanosecond samples with nearest-rank percentiles. */
final class Samples {
  private static final int MAX = 20_000_000;

  private long[] data = new long[1024];
  private int size;
  private boolean sorted;

  void add(long nanos) {
    if (size == MAX) return; // bounded: a cell never gets near this, the rest would be dropped
    if (size == data.length) data = Arrays.copyOf(data, Math.min(MAX, size * 2));
    data[size++] = nanos;
    sorted = false;
  }

  void addAll(Samples other) {
    for (int i = 0; i < other.size; i++) add(other.data[i]);
  }

  int size() {
    return size;
  }

  /** Nearest-rank percentile in nanoseconds, q in (0, 100]; NaN when empty. */
  double percentile(double q) {
    if (size == 0) return Double.NaN;
    if (!sorted) {
      Arrays.sort(data, 0, size);
      sorted = true;
    }
    int rank = (int) Math.ceil(q / 100.0 * size);
    return data[Math.max(0, Math.min(size, rank) - 1)];
  }
}
