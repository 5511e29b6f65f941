package dev.cliproxy.auth;

import dev.cliproxy.config.ProxyUrl;
import java.util.Optional;

/**
 * One upstream credential as routing sees it.
 *
 * @param id stable identity across reloads (never contains the secret)
 * @param provider provider key it belongs to, e.g. {@code openrouter} or {@code codex}
 * @param label what logs and status pages call it (never the secret)
 * @param secret what it authenticates with upstream
 * @param proxyUrl outbound proxy for this credential, overriding the global one
 * @param excludedModels models this credential must not serve
 * @param group the credential group it belongs to (an auth file's {@code credential_group}, a
 *     config key's {@code credential-group}); empty for none. Client keys bound to groups are
 *     served by their groups' credentials only
 * @param authIndex the stable {@link AuthIndex} dashboards key on; when not given, an account's
 *     comes from its file and anything else's from its id
 */
public record Credential(
    String id,
    String provider,
    String label,
    Secret secret,
    Optional<ProxyUrl> proxyUrl,
    ModelPatterns excludedModels,
    String group,
    String authIndex) {

  public Credential {
    group = group == null ? "" : group.trim();
    if (authIndex == null || authIndex.isBlank()) {
      authIndex =
          secret instanceof Secret.OAuth oauth ? oauth.account().authIndex() : AuthIndex.forId(id);
    }
  }

  /** A credential whose index follows from its account or id. */
  public Credential(
      String id,
      String provider,
      String label,
      Secret secret,
      Optional<ProxyUrl> proxyUrl,
      ModelPatterns excludedModels,
      String group) {
    this(id, provider, label, secret, proxyUrl, excludedModels, group, null);
  }

  /** A credential in no group. */
  public Credential(
      String id,
      String provider,
      String label,
      Secret secret,
      Optional<ProxyUrl> proxyUrl,
      ModelPatterns excludedModels) {
    this(id, provider, label, secret, proxyUrl, excludedModels, "", null);
  }

  /** A credential with a plain API key (empty for none) that serves every model. */
  public Credential(
      String id, String provider, String label, String apiKey, Optional<ProxyUrl> proxyUrl) {
    this(id, provider, label, Secret.key(apiKey), proxyUrl, ModelPatterns.NONE, "", null);
  }

  /**
   * The credential for an auth-dir account: its file name as id, its type as provider, the file's
   * {@code proxy_url} (ignored with a warning when it is not a valid proxy URL) and {@code
   * credential_group}.
   */
  public static Credential forAccount(Account account, ModelPatterns excludedModels) {
    return new Credential(
        account.id(),
        account.provider(),
        account.label(),
        new Secret.OAuth(account),
        account.proxyUrl(),
        excludedModels,
        account.credentialGroup());
  }

  /** This credential in group {@code group} (empty for none). */
  public Credential inGroup(String group) {
    return new Credential(id, provider, label, secret, proxyUrl, excludedModels, group, authIndex);
  }

  /** This credential with the index of a config API key ({@link AuthIndex#forApiKey}). */
  public Credential indexedAs(String authIndex) {
    return new Credential(id, provider, label, secret, proxyUrl, excludedModels, group, authIndex);
  }

  /** The token to send upstream now; empty when the upstream needs none. */
  public String token() {
    return secret.token();
  }

  /** The OAuth account behind this credential, if it is one. */
  public Optional<Account> account() {
    return secret instanceof Secret.OAuth oauth ? Optional.of(oauth.account()) : Optional.empty();
  }

  /** Whether it authenticates with an API key from the config (not an account, not no key). */
  public boolean hasApiKey() {
    return secret instanceof Secret.ApiKey;
  }

  /** Whether it may serve the model (by its upstream or client name). */
  public boolean serves(String model) {
    return !excludedModels.matches(model);
  }

  /** False while its account needs a new login; such a credential is never picked. */
  public boolean usable() {
    return account().map(a -> !a.needsLogin()).orElse(true);
  }

  @Override
  public String toString() {
    return "Credential[" + id + ", " + label + "]";
  }
}
