package dev.cliproxy.gateway;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which providers serve which client model names, built from the live providers. */
public final class ModelCatalog {

  /**
   * One way to serve a model: a provider, the name it knows the model by, and those of its
   * credentials that may serve it (excluded models left out).
   */
  public record Route(Provider provider, String upstreamModel, List<Credential> credentials) {
    public Route {
      credentials = List.copyOf(credentials);
    }
  }

  private final Map<String, List<Route>> routes;
  private final Map<String, List<Route>> routesIgnoringCase;
  private final List<ModelOffer> offers;

  private ModelCatalog(
      Map<String, List<Route>> routes,
      Map<String, List<Route>> routesIgnoringCase,
      List<ModelOffer> offers) {
    this.routes = routes;
    this.routesIgnoringCase = routesIgnoringCase;
    this.offers = offers;
  }

  /**
   * The catalog of a set of providers, in their order. A model a provider offers is left out of the
   * catalog for that provider when every one of its credentials excludes it.
   */
  public static ModelCatalog of(List<Provider> providers) {
    Map<String, List<Route>> routes = new LinkedHashMap<>();
    Map<String, List<Route>> ignoringCase = new LinkedHashMap<>();
    List<ModelOffer> offers = new ArrayList<>();
    for (Provider provider : providers) {
      for (ModelOffer offer : provider.models()) {
        List<Credential> serving =
            provider.credentials().stream()
                .filter(c -> c.serves(offer.clientName()) && c.serves(offer.upstreamName()))
                .toList();
        if (serving.isEmpty()) {
          continue;
        }
        Route route = new Route(provider, offer.upstreamName(), serving);
        if (!routes.containsKey(offer.clientName())) {
          offers.add(offer);
        }
        routes.computeIfAbsent(offer.clientName(), k -> new ArrayList<>()).add(route);
        ignoringCase
            .computeIfAbsent(offer.clientName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(route);
      }
    }
    routes.replaceAll((k, v) -> List.copyOf(v));
    ignoringCase.replaceAll((k, v) -> List.copyOf(v));
    return new ModelCatalog(Map.copyOf(routes), Map.copyOf(ignoringCase), List.copyOf(offers));
  }

  /**
   * The routes for a model name: an exact match first, else a case-insensitive one; empty when no
   * provider serves it.
   */
  public List<Route> resolve(String model) {
    List<Route> exact = routes.get(model);
    if (exact != null) {
      return exact;
    }
    return routesIgnoringCase.getOrDefault(model.toLowerCase(Locale.ROOT), List.of());
  }

  /** Every model clients can ask for, each once, in config order. */
  public List<ModelOffer> offers() {
    return offers;
  }
}
