package dev.cliproxy.auth.oauth;

/** The small HTML pages the browser sees after the redirect; never shows a code or state. */
final class CallbackPage {
  /** Longest provider text shown, so a hostile redirect cannot fill the page. */
  private static final int MAX_REFLECTED = 300;

  private CallbackPage() {}

  static String success(String provider) {
    return page(
        "Authentication Successful - " + provider,
        "Authentication Successful!",
        "You have successfully authenticated with "
            + escape(provider)
            + ". You can now close this window and return to your terminal to continue.");
  }

  static String error(String provider, String error, String description) {
    String detail =
        description == null || description.isBlank() ? "" : " " + escape(clip(description));
    return page(
        "Authentication Failed - " + provider,
        "Authentication Failed",
        "The login with "
            + escape(provider)
            + " did not complete: <code>"
            + escape(clip(error))
            + "</code>."
            + detail
            + " Return to your terminal and try again.");
  }

  private static String page(String title, String heading, String bodyHtml) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + "</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;"
        + "padding:0 1rem;color:#222}h1{font-size:1.5rem}</style></head><body><h1>"
        + escape(heading)
        + "</h1><p>"
        + bodyHtml
        + "</p></body></html>\n";
  }

  private static String clip(String text) {
    return text.length() <= MAX_REFLECTED ? text : text.substring(0, MAX_REFLECTED) + "…";
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
