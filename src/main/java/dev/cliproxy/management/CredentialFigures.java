package dev.cliproxy.management;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.gateway.CredentialTally;
import java.util.Set;

/**
 * A credential's tries in the reference's fields: {@code success}, {@code failed} and {@code
 * recent_requests} (ten-minute buckets of {@code {time, success, failed}}, oldest first). They are
 * shown in {@code /auth-files} and in the key lists, and never written back into the config.
 */
final class CredentialFigures {
  /** The fields this adds; a key list entry sent back with them has them dropped. */
  static final Set<String> FIELDS = Set.of("success", "failed", "recent_requests", "auth_index");

  private CredentialFigures() {}

  static void addTo(ObjectNode entry, CredentialTally.Tally tally) {
    entry.put("success", tally.success());
    entry.put("failed", tally.failed());
    ArrayNode recent = entry.putArray("recent_requests");
    for (CredentialTally.Bucket bucket : tally.recent()) {
      recent
          .addObject()
          .put("time", bucket.time())
          .put("success", bucket.success())
          .put("failed", bucket.failed());
    }
  }
}
