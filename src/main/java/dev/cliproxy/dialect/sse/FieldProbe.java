package dev.cliproxy.dialect.sse;

import java.nio.charset.StandardCharsets;

/**
 * A cheap test whether raw JSON bytes (a server-sent event or a whole body) may hold a field of one
 * name, so that only those are parsed: it looks for the quoted name followed by a colon (and, for
 * {@link #object}, an opening brace), ignoring whitespace. A match may be a false positive (the
 * name inside a string); a miss is certain for JSON whose field names and colons share a line (as
 * every upstream writes them), since JSON escapes every quote within a string.
 */
public final class FieldProbe {
  private final byte[] quoted;
  private final boolean objectOnly;

  private FieldProbe(String name, boolean objectOnly) {
    this.quoted = ('"' + name + '"').getBytes(StandardCharsets.UTF_8);
    this.objectOnly = objectOnly;
  }

  /** A probe for a field of this name whatever its value. */
  public static FieldProbe field(String name) {
    return new FieldProbe(name, false);
  }

  /** A probe for a field of this name whose value is an object (not {@code null}). */
  public static FieldProbe object(String name) {
    return new FieldProbe(name, true);
  }

  /** Whether the bytes may hold the field. */
  public boolean in(byte[] raw) {
    int last = raw.length - quoted.length;
    for (int i = 0; i <= last; i++) {
      if (startsAt(raw, i)) {
        int at = skipSpace(raw, i + quoted.length);
        if (at < raw.length && raw[at] == ':') {
          at = skipSpace(raw, at + 1);
          if (!objectOnly || (at < raw.length && raw[at] == '{')) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean startsAt(byte[] raw, int at) {
    for (int k = 0; k < quoted.length; k++) {
      if (raw[at + k] != quoted[k]) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(byte[] raw, int at) {
    while (at < raw.length
        && (raw[at] == ' ' || raw[at] == '\t' || raw[at] == '\n' || raw[at] == '\r')) {
      at++;
    }
    return at;
  }
}
