package dev.cliproxy.management;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET /auth-files/models?name=}: the models one account serves in the running proxy (its
 * providers' models that the config does not exclude for it), as the web UI lists them.
 */
final class AuthFileModels {

  ManagementReply list(ManagementCall call) {
    String name = AuthFileName.check(call.query("name").orElse(""));
    ArrayNode models = ManagementJson.MAPPER.createArrayNode();
    Set<String> seen = new HashSet<>();
    boolean found = false;
    for (Provider provider : call.snapshot().providers()) {
      for (Credential credential : provider.credentials()) {
        if (!credential.id().equals(name)) {
          continue;
        }
        found = true;
        for (ModelOffer offer : provider.models()) {
          if (credential.serves(offer.upstreamName())
              && credential.serves(offer.clientName())
              && seen.add(offer.clientName())) {
            models
                .addObject()
                .put("id", offer.clientName())
                .put("display_name", offer.clientName())
                .put("type", credential.provider())
                .put("owned_by", offer.ownedBy());
          }
        }
      }
    }
    if (!found) {
      throw new ManagementError(
          404,
          "auth file not found",
          name + " is not an account the proxy uses now (missing, unreadable or disabled)");
    }
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    body.set("models", models);
    return ManagementReply.json(body);
  }
}
