package dev.cliproxy.dialect.gemini;

import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Signature;
import java.util.Optional;

/**
 * The one place that decides which {@code thoughtSignature} Gemini gets: its own signatures go back
 * verbatim, other dialects' signatures are dropped, and function calls sent upstream without a
 * Gemini signature carry the documented validator bypass value (Gemini 3 rejects calls without
 * one).
 */
final class GeminiSignatures {
  /** The value Google documents for history that did not come from Gemini. */
  static final String SKIP_VALIDATOR = "skip_thought_signature_validator";

  private GeminiSignatures() {}

  /** A signature read from a Gemini part. */
  static Signature read(String value) {
    return new Signature(Dialect.GEMINI, value);
  }

  /** The value to write for a signature, only when Gemini produced it. */
  static Optional<String> own(Optional<Signature> signature) {
    return signature.filter(s -> s.origin() == Dialect.GEMINI).map(Signature::value);
  }

  /** The value for a function call in a request to a Gemini upstream: never missing. */
  static String forUpstreamCall(Optional<Signature> signature) {
    return own(signature).orElse(SKIP_VALIDATOR);
  }
}
