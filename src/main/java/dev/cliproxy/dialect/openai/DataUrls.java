package dev.cliproxy.dialect.openai;

import dev.cliproxy.dialect.model.Media;
import java.util.Optional;

/** Reads and writes {@code data:<mime>;base64,<data>} URLs, OpenAI's way of inlining bytes. */
final class DataUrls {
  private DataUrls() {}

  /** The inline media a base64 data URL holds, or empty for any other URL. */
  static Optional<Media.Inline> parse(String url) {
    if (!url.regionMatches(true, 0, "data:", 0, 5)) {
      return Optional.empty();
    }
    int comma = url.indexOf(',');
    if (comma < 0) {
      return Optional.empty();
    }
    String head = url.substring(5, comma);
    if (!head.toLowerCase(java.util.Locale.ROOT).endsWith(";base64")) {
      return Optional.empty();
    }
    String mime = head.substring(0, head.length() - 7);
    int parameters = mime.indexOf(';');
    if (parameters >= 0) {
      mime = mime.substring(0, parameters);
    }
    return Optional.of(new Media.Inline(mime, url.substring(comma + 1)));
  }

  static String of(Media.Inline media) {
    return "data:" + media.mimeType() + ";base64," + media.base64();
  }
}
