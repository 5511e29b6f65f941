package dev.cliproxy.management;

import java.io.IOException;

/** One management endpoint: answers a call, or throws {@link ManagementError}. */
@FunctionalInterface
public interface ManagementEndpoint {

  /**
   * Answers one call.
   *
   * @throws IOException when the client is gone or a file cannot be read or written
   */
  ManagementReply serve(ManagementCall call) throws IOException;
}
