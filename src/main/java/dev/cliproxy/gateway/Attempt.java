package dev.cliproxy.gateway;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.provider.UpstreamRequest;

/**
 * One try of one credential on one route, as it moves down the chain: {@link TranslationStep} adds
 * the upstream body and the answer's shape, {@link ProviderStep} the prepared HTTP request.
 */
final class Attempt {
  private final Exchange exchange;
  private final ModelCatalog.Route route;
  private final Credential credential;
  private final int number;
  private final RequestTranslation.Prepared prepared;
  private final UpstreamRequest request;

  private Attempt(
      Exchange exchange,
      ModelCatalog.Route route,
      Credential credential,
      int number,
      RequestTranslation.Prepared prepared,
      UpstreamRequest request) {
    this.exchange = exchange;
    this.route = route;
    this.credential = credential;
    this.number = number;
    this.prepared = prepared;
    this.request = request;
  }

  /** The next try of the exchange: this route with this credential. */
  static Attempt first(Exchange exchange, ModelCatalog.Route route, Credential credential) {
    return new Attempt(exchange, route, credential, exchange.nextAttempt(), null, null);
  }

  /** Another try of the same route and credential (after its token was refreshed). */
  Attempt again() {
    return first(exchange, route, credential);
  }

  Attempt withPrepared(RequestTranslation.Prepared body) {
    return new Attempt(exchange, route, credential, number, body, null);
  }

  Attempt withRequest(UpstreamRequest upstream) {
    return new Attempt(exchange, route, credential, number, prepared(), upstream);
  }

  Exchange exchange() {
    return exchange;
  }

  ModelCatalog.Route route() {
    return route;
  }

  Credential credential() {
    return credential;
  }

  int number() {
    return number;
  }

  /** The body and answer shape for this try. */
  RequestTranslation.Prepared prepared() {
    if (prepared == null) {
      throw new IllegalStateException("no upstream body yet: TranslationStep must run first");
    }
    return prepared;
  }

  /** The HTTP request to send. */
  UpstreamRequest request() {
    if (request == null) {
      throw new IllegalStateException("no upstream request yet: ProviderStep must run first");
    }
    return request;
  }
}
