package dev.cliproxy.auth.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Turns the query string of an OAuth redirect into a {@link CallbackResult}. */
final class CallbackQuery {
  private CallbackQuery() {}

  /** Decoded parameters of a raw query string; the first occurrence of a name wins. */
  static Map<String, String> parameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }

  /**
   * The result the query carries, or empty when it has neither {@code error} nor {@code code}.
   *
   * <p>A code without a state is reported as {@code Denied("invalid_request", …)}, because the
   * login cannot be checked against CSRF without it.
   */
  static Optional<CallbackResult> result(Map<String, String> parameters) {
    String error = parameters.get("error");
    if (error != null && !error.isBlank()) {
      return Optional.of(
          new CallbackResult.Denied(error, parameters.getOrDefault("error_description", "")));
    }
    String code = parameters.get("code");
    if (code == null || code.isBlank()) {
      return Optional.empty();
    }
    String state = parameters.get("state");
    if (state == null || state.isBlank()) {
      return Optional.of(
          new CallbackResult.Denied(
              "invalid_request", "The redirect carried an authorization code but no state."));
    }
    return Optional.of(new CallbackResult.Code(code, state));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return text;
    }
  }
}
