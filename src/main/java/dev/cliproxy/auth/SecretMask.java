package dev.cliproxy.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Shortens secrets, and the secrets inside request query strings, to forms safe to log. */
public final class SecretMask {
  /** What a secret too short to show any part of becomes. */
  public static final String HIDDEN = "***";

  private static final String ELLIPSIS = "…";
  private static final int SHORT_BELOW = 12;
  private static final int FULL_ENDS_FROM = 24;
  private static final Set<String> SECRET_PARAMETERS =
      Set.of("key", "api_key", "api-key", "auth_token", "access_token", "token");

  private SecretMask() {}

  /**
   * The secret as it may appear in a log: {@code sk-proj-abc…wxyz} becomes {@code sk-p…wxyz}.
   *
   * <p>Secrets shorter than 12 characters become {@value #HIDDEN}; from 12 to 23 characters two at
   * each end are kept, from 24 on four at each end. So the result never holds more than 8
   * characters, nor more than a third, of the secret. Null and empty give an empty string, because
   * a log call must never throw.
   */
  public static String mask(String secret) {
    if (secret == null || secret.isEmpty()) {
      return "";
    }
    int length = secret.length();
    if (length < SHORT_BELOW) {
      return HIDDEN;
    }
    int kept = length < FULL_ENDS_FROM ? 2 : 4;
    return secret.substring(0, kept) + ELLIPSIS + secret.substring(length - kept);
  }

  /**
   * The request path and query with the values of secret-bearing parameters ({@code key}, {@code
   * api_key}, {@code api-key}, {@code auth_token}, {@code access_token}, {@code token}, any case,
   * percent-encoded or not) replaced by {@value #HIDDEN}, e.g. {@code /v1beta/models?key=***}.
   * Everything else, including the order of parameters and empty values, is left as it was. Null
   * gives an empty string.
   */
  public static String maskQuery(String pathAndQuery) {
    if (pathAndQuery == null) {
      return "";
    }
    int question = pathAndQuery.indexOf('?');
    if (question < 0) {
      return pathAndQuery;
    }
    StringBuilder out = new StringBuilder(pathAndQuery.length());
    out.append(pathAndQuery, 0, question + 1);
    // Everything after '?' counts as query, a '#' included: masking too much is the safe mistake.
    int start = question + 1;
    while (true) {
      int end = pathAndQuery.indexOf('&', start);
      boolean last = end < 0;
      appendParameter(out, pathAndQuery.substring(start, last ? pathAndQuery.length() : end));
      if (last) {
        return out.toString();
      }
      out.append('&');
      start = end + 1;
    }
  }

  private static void appendParameter(StringBuilder out, String parameter) {
    int equals = parameter.indexOf('=');
    if (equals < 0
        || equals == parameter.length() - 1
        || !isSecretName(parameter.substring(0, equals))) {
      out.append(parameter);
      return;
    }
    out.append(parameter, 0, equals + 1).append(HIDDEN);
  }

  private static boolean isSecretName(String rawName) {
    String name;
    try {
      name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformedEscape) {
      name = rawName;
    }
    return SECRET_PARAMETERS.contains(name.trim().toLowerCase(Locale.ROOT));
  }
}
