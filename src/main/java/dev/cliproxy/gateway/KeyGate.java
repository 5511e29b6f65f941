package dev.cliproxy.gateway;

import dev.cliproxy.dialect.model.Usage;
import java.util.List;
import java.util.Optional;

/**
 * What the client key a request came with may do, asked by the gateway once the model is resolved
 * and before any credential is tried: the routes and credentials it may use, and whether its limits
 * let it in now. A refusal is thrown as a {@link dev.cliproxy.dialect.ProxyException} (403 for a
 * model or provider the key may not use, 429 with {@code Retry-After} for a limit, 503 when no
 * credential of its groups serves the model) and answered in the client's dialect.
 */
public interface KeyGate {

  /** Lets every request through with every route: the gate while no policy is wired. */
  KeyGate OPEN =
      new KeyGate() {
        @Override
        public Pass admit(
            ClientRequest request,
            String model,
            List<ModelCatalog.Route> routes,
            RuntimeSnapshot snapshot) {
          return Pass.open(routes);
        }

        @Override
        public List<ModelCatalog.Route> scope(
            ClientRequest request,
            String model,
            List<ModelCatalog.Route> routes,
            RuntimeSnapshot snapshot) {
          return routes;
        }
      };

  /**
   * Admits one request, counting it against its key's limits, or throws its refusal.
   *
   * @param routes the model's routes with the credentials that may serve it
   * @return the pass the gateway hands back when the request ends, with the routes the key may use
   */
  Pass admit(
      ClientRequest request,
      String model,
      List<ModelCatalog.Route> routes,
      RuntimeSnapshot snapshot);

  /**
   * The routes the key may use for a call that counts against no limit (a token count), or throws
   * its refusal as {@link #admit} would for the model or its credentials.
   */
  List<ModelCatalog.Route> scope(
      ClientRequest request,
      String model,
      List<ModelCatalog.Route> routes,
      RuntimeSnapshot snapshot);

  /**
   * Whether a model list shown to a client with {@code clientKey} (its fingerprint; empty when the
   * proxy asks for none) names {@code model}: only what the key could use.
   */
  default boolean lists(Optional<String> clientKey, String model, RuntimeSnapshot snapshot) {
    return true;
  }

  /** One admitted request, until it ends. */
  interface Pass {
    /** The routes, and their credentials, this request may use. */
    List<ModelCatalog.Route> routes();

    /**
     * The request ended (answered, failed or left); called exactly once.
     *
     * @param usage the tokens the upstream reported for the answer, if any
     */
    void finished(Optional<Usage> usage);

    /** A pass that counts nothing. */
    static Pass open(List<ModelCatalog.Route> routes) {
      return new Pass() {
        @Override
        public List<ModelCatalog.Route> routes() {
          return routes;
        }

        @Override
        public void finished(Optional<Usage> usage) {}
      };
    }
  }
}
