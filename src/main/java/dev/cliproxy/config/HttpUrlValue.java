package dev.cliproxy.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an http(s) URL, without a trailing slash. The URL itself is never repeated in errors: some
 * upstreams take a key in the query string.
 */
public final class HttpUrlValue {

  private HttpUrlValue() {}

  /**
   * A URL that must be present.
   *
   * @param expected what a valid value looks like, for messages
   * @param hint appended to the "is required" message (e.g. a misspelling hint), may be empty
   */
  public static String required(ConfigValue value, String expected, String hint) {
    return optional(value, expected)
        .orElseThrow(() -> value.fail("is required (" + expected + ")" + hint));
  }

  /** A URL, or empty when the key is absent or blank. */
  public static Optional<String> optional(ConfigValue value, String expected) {
    String text = value.text("");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw value.fail("not a URL (" + e.getReason() + "); expected " + expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw value.fail("must be " + expected);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw value.fail("has no host; expected " + expected);
    }
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '/') {
      end--;
    }
    return Optional.of(text.substring(0, end));
  }
}
