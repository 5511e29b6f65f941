package dev.cliproxy.amp;

import java.util.Objects;

/**
 * One entry of {@code ampcode.model-mappings} or {@code amp-model-mappings}: requests for {@code
 * from} are served as {@code to}.
 *
 * @param from the model Amp asks for, trimmed and never blank; with {@code regex} a Java regular
 *     expression that is valid (checked when the file is read), matched case-insensitively anywhere
 *     in the name unless anchored with {@code ^…$}
 * @param to the model this proxy serves instead, trimmed and never blank, as written
 * @param regex whether {@code from} is a regular expression rather than a name
 */
public record ModelMapping(String from, String to, boolean regex) {
  public ModelMapping {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isBlank() || to.isBlank()) {
      throw new IllegalArgumentException("a model mapping needs both from and to");
    }
  }

  /** An exact (not regex) mapping. */
  public static ModelMapping exact(String from, String to) {
    return new ModelMapping(from, to, false);
  }
}
