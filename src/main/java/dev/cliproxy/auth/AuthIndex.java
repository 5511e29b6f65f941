package dev.cliproxy.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The stable index the ecosystem's tools key every credential on ({@code auth_index}): the first 8
 * bytes of SHA-256, in hex, over a seed derived as the reference derives it. It stays the same
 * across restarts and reloads while the file path, or the key and base URL, stay the same, and it
 * reveals neither.
 *
 * <ul>
 *   <li>an auth file: {@code <type>:<absolute normalised path>}
 *   <li>a config API key: {@code <section>:<base URL>+<api key>} where section is {@code
 *       gemini-api-key}, {@code claude-api-key}, {@code codex-api-key} or {@code
 *       openai-compatibility}
 *   <li>anything else: {@code id:<credential id>}
 * </ul>
 */
public final class AuthIndex {
  private AuthIndex() {}

  /** The index of an auth file of {@code type} at {@code path}. */
  public static String forFile(String type, Path path) {
    return of(type.trim().toLowerCase(Locale.ROOT) + ":" + path.toAbsolutePath().normalize());
  }

  /**
   * The index of a config API key of {@code section} sent to {@code baseUrl} (empty for the
   * provider's default; trailing slashes do not count, as the config loader drops them).
   */
  public static String forApiKey(String section, String baseUrl, String apiKey) {
    String base = baseUrl.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return of(section + ":" + base + "+" + apiKey.trim());
  }

  /** The index of a credential known only by its id. */
  public static String forId(String id) {
    return of("id:" + id.trim());
  }

  private static String of(String seed) {
    try {
      byte[] sum =
          MessageDigest.getInstance("SHA-256").digest(seed.trim().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sum, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
