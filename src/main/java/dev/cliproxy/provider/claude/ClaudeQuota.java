package dev.cliproxy.provider.claude;

import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.provider.hint.ResetTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subscription windows Anthropic reports on answers to Claude accounts: {@code
 * anthropic-ratelimit-unified-<window>-utilization} (a fraction, shown as percent), {@code -reset}
 * (epoch seconds) and {@code -status} ({@code allowed}, {@code allowed_warning}, {@code rejected})
 * for windows such as {@code 5h} and {@code 7d}; the headers without a window name describe the
 * whole allowance and are kept as the window {@code unified}.
 */
final class ClaudeQuota {
  private static final String PREFIX = "anthropic-ratelimit-unified";
  private static final List<String> FIELDS = List.of("-utilization", "-reset", "-status");

  private ClaudeQuota() {}

  static Optional<QuotaSnapshot> read(UpstreamHeaders headers, Instant now) {
    Map<String, Map<String, String>> byWindow = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers.lowercase()) {
      String name = header.getKey();
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      for (String field : FIELDS) {
        if (name.endsWith(field)) {
          String middle = name.substring(PREFIX.length(), name.length() - field.length());
          String window = middle.isEmpty() ? "unified" : middle.substring(1);
          if (middle.isEmpty() || middle.startsWith("-")) {
            byWindow
                .computeIfAbsent(window, w -> new LinkedHashMap<>())
                .put(field, header.getValue());
          }
        }
      }
    }
    List<QuotaSnapshot.Window> windows =
        byWindow.entrySet().stream()
            .map(e ->
                new QuotaSnapshot.Window(
                    e.getKey(),
                    fraction(e.getValue().get("-utilization")).map(f -> f * 100),
                    Optional.empty(),
                    Optional.ofNullable(e.getValue().get("-reset"))
                        .flatMap(at -> ResetTime.parse(at, now)),
                    Optional.ofNullable(e.getValue().get("-status")).map(String::strip)))
            .toList();
    return windows.isEmpty()
        ? Optional.empty()
        : Optional.of(new QuotaSnapshot(now, Optional.empty(), windows));
  }

  private static Optional<Double> fraction(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      double value = Double.parseDouble(text.strip());
      return Double.isFinite(value) && value >= 0 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
