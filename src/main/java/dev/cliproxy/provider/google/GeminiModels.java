package dev.cliproxy.provider.google;

import dev.cliproxy.provider.ModelOffer;
import java.util.List;

/**
 * The Gemini models the Google kinds offer without a {@code models:} list of their own, as the
 * reference registers them: a Gemini CLI (Code Assist) account serves fewer than an API key or a
 * Vertex service account.
 */
public final class GeminiModels {
  /** What a Gemini CLI / Code Assist account serves. */
  public static final List<String> CODE_ASSIST =
      List.of(
          "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-3-pro-preview");

  /** What a Gemini API key or a Vertex service account serves. */
  public static final List<String> API =
      List.of(
          "gemini-2.5-pro",
          "gemini-2.5-flash",
          "gemini-2.5-flash-lite",
          "gemini-3-pro-preview",
          "gemini-3-pro-image-preview");

  private GeminiModels() {}

  /** These model names as offers under their own names, owned by {@code ownedBy}. */
  public static List<ModelOffer> offers(List<String> names, String ownedBy) {
    return names.stream().map(name -> new ModelOffer(name, name, ownedBy)).toList();
  }
}
