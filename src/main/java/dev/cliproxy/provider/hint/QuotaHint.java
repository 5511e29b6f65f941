package dev.cliproxy.provider.hint;

import dev.cliproxy.provider.Refusal;
import java.time.Instant;
import java.util.List;

/**
 * One way an upstream states, in a 429, when a used-up quota or rate limit resets: a header family
 * or an error body shape. Providers hand {@link ResetHint} the ones their upstream sends.
 */
@FunctionalInterface
public interface QuotaHint {

  /** The reset times the refusal states this way; empty when it states none. */
  List<Instant> resets(Refusal refusal);
}
