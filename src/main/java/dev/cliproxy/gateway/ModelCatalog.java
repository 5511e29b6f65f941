package dev.cliproxy.gateway;

import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which providers serve which client model names, built from the live providers. */
public final class ModelCatalog {

  /** One way to serve a model: a provider and the name it knows the model by. */
  public record Route(Provider provider, String upstreamModel) {}

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

  /** The catalog of a set of providers, in their order. */
  public static ModelCatalog of(List<Provider> providers) {
    Map<String, List<Route>> routes = new LinkedHashMap<>();
    Map<String, List<Route>> ignoringCase = new LinkedHashMap<>();
    List<ModelOffer> offers = new ArrayList<>();
    for (Provider provider : providers) {
      for (ModelOffer offer : provider.models()) {
        Route route = new Route(provider, offer.upstreamName());
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
