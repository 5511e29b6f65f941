package dev.cliproxy.keypolicy;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.Wildcard;
import dev.cliproxy.config.ClientKeyPolicy;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.gateway.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one key may reach for a model: its model allow-list (a 403 when the model is not on it), its
 * provider allow-list and its credential groups (routes and credentials outside them are dropped; a
 * key bound to groups is never served by another credential, and gets a 503 when its groups have
 * none for the model).
 */
final class KeyScope {
  private KeyScope() {}

  /**
   * The routes {@code policy} lets {@code who} use for {@code model}.
   *
   * @param who what messages call the key (its name or fingerprint, never the key)
   * @throws dev.cliproxy.dialect.ProxyException its refusal
   */
  static List<ModelCatalog.Route> routes(
      ClientKeyPolicy policy, String who, String model, List<ModelCatalog.Route> routes) {
    if (!policy.models().isEmpty()
        && policy.models().stream().noneMatch(pattern -> Wildcard.matches(pattern, model))) {
      throw refused(
          403,
          ProxyError.Kind.PERMISSION,
          "model_not_allowed",
          "Client key "
              + who
              + " may not use model '"
              + model
              + "'; it may use: "
              + String.join(", ", policy.models())
              + " (api-keys models in config.yaml).");
    }
    List<ModelCatalog.Route> allowed = routes;
    if (!policy.providers().isEmpty()) {
      allowed =
          routes.stream().filter(r -> policy.providers().contains(r.provider().key())).toList();
      if (allowed.isEmpty()) {
        throw refused(
            403,
            ProxyError.Kind.PERMISSION,
            "provider_not_allowed",
            "Client key "
                + who
                + " may use the providers "
                + String.join(", ", policy.providers())
                + ", and none of them serves model '"
                + model
                + "' (it is served by "
                + String.join(
                    ", ", routes.stream().map(r -> r.provider().key()).distinct().toList())
                + ").");
      }
    }
    if (policy.credentialGroups().isEmpty()) {
      return allowed;
    }
    List<ModelCatalog.Route> grouped = new ArrayList<>();
    for (ModelCatalog.Route route : allowed) {
      List<Credential> members =
          route.credentials().stream()
              .filter(c -> policy.credentialGroups().contains(c.group()))
              .toList();
      if (!members.isEmpty()) {
        grouped.add(new ModelCatalog.Route(route.provider(), route.upstreamModel(), members));
      }
    }
    if (grouped.isEmpty()) {
      throw refused(
          503,
          ProxyError.Kind.UPSTREAM,
          "no_credentials_in_group",
          "Client key "
              + who
              + " is bound to the credential groups "
              + String.join(", ", policy.credentialGroups())
              + ", and none of their credentials serves model '"
              + model
              + "'. Put an account of that provider in one of these groups (credential_group in"
              + " its auth file, credential-group on a config key); other credentials are never"
              + " used for this key.");
    }
    return grouped;
  }

  private static RuntimeException refused(
      int status, ProxyError.Kind kind, String code, String message) {
    return new ProxyError(status, kind, code, message, Optional.empty()).toException();
  }
}
