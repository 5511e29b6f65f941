package dev.cliproxy.dialect.model;

/** Where the bytes of an image or file are. */
public sealed interface Media {

  /** Inline bytes, base64-encoded, with their MIME type. */
  record Inline(String mimeType, String base64) implements Media {}

  /** A URL (http(s) or a {@code data:} URL kept as sent); {@code mimeType} may be empty. */
  record Url(String url, String mimeType) implements Media {}

  /** A file the provider stores, by its id ({@code file-...}, Gemini file URI). */
  record FileId(String id, String mimeType) implements Media {}
}
