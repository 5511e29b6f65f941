package dev.cliproxy.logs;

import dev.cliproxy.auth.SecretMask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets of one request log as {@link SecretMask} does: header values of secret-bearing
 * headers, the secret parameters of URLs, token-looking string fields of JSON bodies ({@code
 * access_token}, {@code api_key}, {@code password}, …), {@code Bearer} tokens in any text, and
 * every value it has been told is secret (the keys seen in headers, the config's client keys)
 * wherever it appears. Masking too much is the safe mistake.
 */
final class LogScrubber {
  /** Secrets shorter than this are masked in their headers but not searched for in text. */
  private static final int MIN_SEARCHED = 8;

  private static final List<String> SECRET_HEADER_PARTS =
      List.of("authorization", "api-key", "apikey", "token", "secret", "cookie", "password");
  private static final List<String> SECRET_FIELD_PARTS =
      List.of("token", "secret", "password", "api_key", "apikey", "api-key", "authorization");
  private static final Set<String> SECRET_FIELDS = Set.of("key", "x-api-key", "x-goog-api-key");
  private static final Pattern STRING_FIELD =
      Pattern.compile("\"([A-Za-z0-9_.\\-]{1,64})\"(\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*+)\"");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer|basic)(\\s+)([A-Za-z0-9._~+/=\\-]{8,})");

  private final Set<String> secrets = new LinkedHashSet<>();

  /** A scrubber that also masks each of {@code known} wherever it appears. */
  LogScrubber(List<String> known) {
    known.forEach(this::secret);
  }

  /** Whether a header of this name carries a secret. */
  static boolean isSecretHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_HEADER_PARTS.stream().anyMatch(lower::contains);
  }

  /**
   * Notes the secret in a header, if it carries one, so that it is masked elsewhere too (an error
   * body that quotes the key).
   */
  void learn(String name, String value) {
    if (isSecretHeader(name)) {
      Matcher scheme = BEARER.matcher(value);
      secret(scheme.lookingAt() ? scheme.group(3) : value.trim());
    }
  }

  /** A header's value as the log shows it. */
  String header(String name, String value) {
    if (!isSecretHeader(name)) {
      return text(value);
    }
    Matcher scheme = BEARER.matcher(value);
    if (scheme.lookingAt()) {
      return scheme.group(1) + scheme.group(2) + SecretMask.mask(scheme.group(3));
    }
    return SecretMask.mask(value.trim());
  }

  /** A URL or path with its secret parameters hidden, and any known secret masked. */
  String url(String url) {
    return text(SecretMask.maskQuery(url));
  }

  /** Any text (a body, an event stream, a reason) with every secret in it masked. */
  String text(String text) {
    String out = text;
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    for (String secret : longestFirst) {
      if (out.contains(secret)) {
        out = out.replace(secret, SecretMask.mask(secret));
      }
    }
    out =
        replace(
            STRING_FIELD,
            out,
            m ->
                isSecretField(m.group(1))
                    ? "\""
                        + m.group(1)
                        + "\""
                        + m.group(2)
                        + "\""
                        + SecretMask.mask(m.group(3))
                        + "\""
                    : m.group());
    return replace(BEARER, out, m -> m.group(1) + m.group(2) + SecretMask.mask(m.group(3)));
  }

  private void secret(String value) {
    if (value != null && value.length() >= MIN_SEARCHED) {
      secrets.add(value);
    }
  }

  private static boolean isSecretField(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_FIELDS.contains(lower) || SECRET_FIELD_PARTS.stream().anyMatch(lower::contains);
  }

  private static String replace(
      Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
