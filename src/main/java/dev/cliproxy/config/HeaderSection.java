package dev.cliproxy.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code headers} mapping of extra upstream headers: names and values are trimmed, pairs
 * with an empty name or value are dropped, and anything that could not be sent as a header fails.
 */
public final class HeaderSection {

  private HeaderSection() {}

  /** The headers in file order; empty when absent. */
  public static Map<String, String> read(ConfigValue headers) {
    Map<String, String> result = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    headers
        .fields()
        .forEach((rawName, value) -> {
          String name = rawName.trim();
          String text = value.text("");
          if (name.isEmpty() || text.isEmpty()) {
            return;
          }
          if (!isToken(name)) {
            throw value.fail("not a valid HTTP header name");
          }
          if (!isFieldValue(text)) {
            // Say why without the value: header values are often credentials.
            throw value.fail("value must not contain line breaks or control characters");
          }
          String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
          if (previous != null) {
            throw value.fail(
                "same header as '" + previous + "' (header names ignore case); keep one");
          }
          result.put(name, text);
        });
    return result;
  }

  /** RFC 9110 token: the characters a header name may use. */
  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isFieldValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
