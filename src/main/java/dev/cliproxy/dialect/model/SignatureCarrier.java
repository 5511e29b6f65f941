package dev.cliproxy.dialect.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Carries one provider's reasoning signature through a client of another dialect, in the field that
 * client keeps and sends back unchanged: Claude {@code signature}, Responses {@code
 * encrypted_content}, Gemini {@code thoughtSignature}.
 *
 * <p>Format: standard padded base64 of the UTF-8 bytes {@code cliproxy-sig-1:<origin>:<value>},
 * where {@code <origin>} is {@code claude} or {@code responses} and {@code <value>} the upstream's
 * value byte for byte. The text therefore always starts with {@link #MARKER} ({@code
 * Y2xpcHJveHktc2lnLTE6}, the base64 of the 15-byte prefix), which no Anthropic signature (protobuf
 * bytes), OpenAI encrypted content (a Fernet token, {@code gAAAA…}) or Gemini thought signature
 * starts with; a value without the marker, or one that does not decode, is the wire's own. Being
 * base64 it survives clients that store {@code thoughtSignature} as bytes (google-genai).
 *
 * <p>Only origins whose upstream needs the value back are carried: Claude verifies the signature of
 * the thinking in a tool loop, and a Responses upstream continues its reasoning from {@code
 * encrypted_content} (the proxy always sends {@code store:false}). Gemini's signatures are not:
 * requests to Gemini give history from other dialects the documented validator bypass instead.
 */
public final class SignatureCarrier {
  private static final String PREFIX = "cliproxy-sig-1:";

  /** What every carried value starts with, as it appears on the wire (and in JSON). */
  public static final String MARKER =
      Base64.getEncoder().encodeToString(PREFIX.getBytes(StandardCharsets.US_ASCII));

  private SignatureCarrier() {}

  /** Whether signatures from {@code origin} are carried through other dialects' clients. */
  static boolean carries(Dialect origin) {
    return tag(origin).isPresent();
  }

  /** The carrier text for a signature whose origin is carried. */
  static String wrap(Signature signature) {
    String tag =
        tag(signature.origin())
            .orElseThrow(() -> new IllegalArgumentException("not carried: " + signature.origin()));
    return Base64.getEncoder()
        .encodeToString((PREFIX + tag + ":" + signature.value()).getBytes(StandardCharsets.UTF_8));
  }

  /** The signature a carrier text holds, or empty when the text is not one. */
  static Optional<Signature> unwrap(String text) {
    if (!text.startsWith(MARKER)) {
      return Optional.empty();
    }
    String plain;
    try {
      plain = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = plain.indexOf(':', PREFIX.length());
    if (!plain.startsWith(PREFIX) || colon < 0) {
      return Optional.empty();
    }
    String value = plain.substring(colon + 1);
    return origin(plain.substring(PREFIX.length(), colon))
        .filter(o -> !value.isEmpty())
        .map(o -> new Signature(o, value));
  }

  /**
   * Whether a body holds a carried value anywhere (so it must not be passed through verbatim). A
   * Horspool search, since it runs over every passed-through body: it looks at about one byte in
   * twenty.
   */
  public static boolean isCarriedIn(byte[] body) {
    byte[] marker = MARKER_BYTES;
    int last = marker.length - 1;
    for (int i = last; i < body.length; i += SKIP[body[i] & 0xff]) {
      int j = last;
      int k = i;
      while (j >= 0 && body[k] == marker[j]) {
        j--;
        k--;
      }
      if (j < 0) {
        return true;
      }
    }
    return false;
  }

  private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

  /** Horspool's bad-character shifts for {@link #MARKER_BYTES}. */
  private static final int[] SKIP = skipTable(MARKER_BYTES);

  private static int[] skipTable(byte[] marker) {
    int[] skip = new int[256];
    java.util.Arrays.fill(skip, marker.length);
    for (int i = 0; i < marker.length - 1; i++) {
      skip[marker[i] & 0xff] = marker.length - 1 - i;
    }
    return skip;
  }

  /** Stable names, independent of the enum's, so values survive a proxy upgrade. */
  private static Optional<String> tag(Dialect origin) {
    return switch (origin) {
      case CLAUDE -> Optional.of("claude");
      case OPENAI_RESPONSES -> Optional.of("responses");
      case GEMINI, OPENAI_CHAT -> Optional.empty();
    };
  }

  private static Optional<Dialect> origin(String tag) {
    return switch (tag) {
      case "claude" -> Optional.of(Dialect.CLAUDE);
      case "responses" -> Optional.of(Dialect.OPENAI_RESPONSES);
      default -> Optional.empty();
    };
  }
}
