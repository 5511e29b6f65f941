package dev.cliproxy.amp;

import dev.cliproxy.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the Amp upstream URL ({@code ampcode.upstream-url}, {@code amp-upstream-url}): absolute,
 * http or https, with a host, without a trailing slash. Unlike CLIProxyAPI, which accepted {@code
 * ampcode.com} and then failed every proxied request with 502, such a value fails the load.
 */
final class UpstreamUrlValue {
  static final String EXAMPLE = "https://ampcode.com";

  /** A bare host name, with an optional port: safe to quote back in a message. */
  private static final Pattern BARE_HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?/?");

  private UpstreamUrlValue() {}

  /**
   * The URL, or empty when the key is absent or blank.
   *
   * @throws dev.cliproxy.config.ConfigException naming the key path when it is not such a URL
   */
  static Optional<URI> read(ConfigValue value) {
    String text = value.text("");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!text.contains("://")) {
      String write = BARE_HOST.matcher(text).matches() ? "https://" + stripSlash(text) : EXAMPLE;
      throw value.fail("must be an absolute http:// or https:// URL with a host; write " + write);
    }
    URI uri;
    try {
      uri = new URI(stripSlash(text));
    } catch (URISyntaxException e) {
      // The reason, not the input: a URL can carry credentials.
      throw value.fail("not a URL (" + e.getReason() + "); expected a URL such as " + EXAMPLE);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw value.fail("must be an http:// or https:// URL such as " + EXAMPLE);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw value.fail("has no host; expected a URL such as " + EXAMPLE);
    }
    return Optional.of(uri);
  }

  private static String stripSlash(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '/') {
      end--;
    }
    return text.substring(0, end);
  }
}
