package dev.cliproxy.provider.hint;

import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.FailureReading;
import dev.cliproxy.provider.UpstreamHeaders;
import java.time.Instant;

/** Reads every reset hint {@link ResetHint} knows from a refusal; never calls it permanent. */
public final class StandardFailureReader implements FailureReader {
  public static final StandardFailureReader INSTANCE = new StandardFailureReader();

  private StandardFailureReader() {}

  @Override
  public FailureReading read(int status, UpstreamHeaders headers, byte[] body, Instant now) {
    return FailureReading.rest(ResetHint.of(status, headers, body, now));
  }
}
