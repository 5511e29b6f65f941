package dev.cliproxy.fuzz;

/** Bounds shared by the fuzz tests. */
final class FuzzLimits {
  /**
   * How long one {@code @FuzzTest} fuzzes when {@code JAZZER_FUZZ=1} is set; in a normal build the
   * tests only replay their seeds and this does not apply. A bound, so that fuzzing is never
   * open-ended even if the variable leaks into CI.
   */
  static final String MAX_DURATION = "60s";

  /** The largest SSE event the stream fuzz tests accept, as the gateway bounds upstream events. */
  static final int MAX_EVENT_BYTES = 64 * 1024;

  private FuzzLimits() {}
}
