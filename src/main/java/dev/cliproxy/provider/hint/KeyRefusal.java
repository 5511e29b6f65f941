package dev.cliproxy.provider.hint;

import dev.cliproxy.provider.Refusal;
import java.util.Optional;
import java.util.Set;

/**
 * A refusal that says an API key from the config is wrong, so retrying it is pointless until the
 * config changes: a 401 to the key (OpenAI's {@code invalid_api_key}, Anthropic's {@code
 * authentication_error}), or a 403 whose error code the provider knows to mean the key has no
 * access. Other 403s (a region block, a proxy's firewall, a per-model restriction) may pass or
 * concern one model only, so they are not read as the key's fault. A refused OAuth account is never
 * one: the gateway refreshes its token and its refresher decides whether a new login is needed.
 */
public final class KeyRefusal {
  private KeyRefusal() {}

  /**
   * Why the key is wrong, in words for a status page, when the refusal says it is.
   *
   * @param refusal the upstream's answer
   * @param noAccessCodes the lowercase error codes (see {@link ErrorBody#code()}) with which the
   *     provider's upstream says, in a 403, that the key has no access
   */
  public static Optional<String> why(Refusal refusal, Set<String> noAccessCodes) {
    if (!refusal.apiKey()) {
      return Optional.empty();
    }
    Optional<String> code = ErrorBody.of(refusal.body()).code();
    return switch (refusal.status()) {
      case 401 -> Optional.of("the upstream says the API key is invalid " + said(401, code));
      case 403 ->
          code.filter(noAccessCodes::contains)
              .map(c -> "the upstream says the API key has no access " + said(403, code));
      default -> Optional.empty();
    };
  }

  private static String said(int status, Optional<String> code) {
    return "(" + status + code.map(c -> " " + c).orElse("") + ")";
  }
}
