package dev.cliproxy.gateway;

import java.util.List;

/** The steps of a try in order; {@link #proceed} runs the next one. */
final class AttemptChain {
  private final List<AttemptStep> steps;
  private final int index;

  AttemptChain(List<AttemptStep> steps) {
    this(List.copyOf(steps), 0);
  }

  private AttemptChain(List<AttemptStep> steps, int index) {
    this.steps = steps;
    this.index = index;
  }

  /** Runs the rest of the chain on this attempt. */
  Outcome proceed(Attempt attempt) {
    if (index >= steps.size()) {
      throw new IllegalStateException("the last step of a try must not call proceed");
    }
    return steps.get(index).proceed(attempt, new AttemptChain(steps, index + 1));
  }
}
