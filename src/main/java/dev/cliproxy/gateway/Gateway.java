package dev.cliproxy.gateway;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.auth.refresh.TokenRecovery;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.provider.ModelOffer;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request from accepted to answered. It resolves the model to routes on the current snapshot
 * and runs the request through its chain, in this order:
 *
 * <ol>
 *   <li>{@link KeyGate}: what the client key may use, and whether its limits let it in;
 *   <li>{@link Failover}: routes and credentials in the pool's order, rests after failures;
 *   <li>{@link TokenRefreshStep}: a 401 on an OAuth account refreshes it and tries once more;
 *   <li>{@link TranslationStep}: the body for the route (passed through or translated);
 *   <li>{@link PayloadRulesStep}: the config's {@code payload} rules;
 *   <li>{@link ProviderStep}: the provider's URL, headers and body rules;
 *   <li>{@link UpstreamStep}: the HTTP call and the answer's delivery to the client.
 * </ol>
 *
 * Every failure is answered in the client's dialect by {@link ErrorReply}, and {@link
 * GatewayListener}s hear each step ({@link GatewayEvent}).
 */
public final class Gateway {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final int MAX_LISTED_MODELS = 40;

  private final AtomicReference<RuntimeSnapshot> current;
  private final CredentialPool pool;
  private final UpstreamClient client;
  private final Codecs codecs;
  private final Clock clock;
  private final Failover failover;
  private final QuotaProbes quotaProbes;
  private final GatewayListeners listeners = new GatewayListeners();
  private final AtomicLong requestIds = new AtomicLong();
  private volatile RequestRecording recording = RequestRecording.NONE;
  private volatile KeyGate gate = KeyGate.OPEN;

  public Gateway(
      RuntimeSnapshot initial,
      CredentialPool pool,
      UpstreamClient client,
      Codecs codecs,
      TokenRecovery recovery,
      Clock clock) {
    this.current = new AtomicReference<>(initial);
    this.pool = pool;
    this.client = client;
    this.codecs = codecs;
    this.clock = clock;
    this.failover =
        new Failover(
            pool,
            new AttemptChain(
                List.of(
                    new TokenRefreshStep(recovery),
                    new TranslationStep(),
                    new PayloadRulesStep(),
                    new ProviderStep(),
                    new UpstreamStep(client, pool))));
    this.quotaProbes = new QuotaProbes(pool, client, current::get, clock);
    pool.track(credentials(initial));
  }

  /** The snapshot new requests use. */
  public RuntimeSnapshot snapshot() {
    return current.get();
  }

  /** The listeners told about every request; register with {@code listeners().add(…)}. */
  public GatewayListeners listeners() {
    return listeners;
  }

  /** Has each request from now on recorded as {@code next} chooses (request and error logs). */
  public void record(RequestRecording next) {
    this.recording = Objects.requireNonNull(next, "recording");
  }

  /** Has each request from now on admitted by {@code next} (the client keys' policies). */
  public void admitWith(KeyGate next) {
    this.gate = Objects.requireNonNull(next, "gate");
  }

  /** The credential pool, whose {@code status()} says what each credential is doing. */
  public CredentialPool pool() {
    return pool;
  }

  /** Asks the upstreams that answer such questions about their credentials' allowance. */
  public QuotaProbes quotaProbes() {
    return quotaProbes;
  }

  /**
   * Switches new requests to a new snapshot (after a config or auth-dir change); requests in flight
   * keep the snapshot they started with. A changed config gives disabled credentials another try.
   */
  public void install(RuntimeSnapshot next) {
    RuntimeSnapshot previous = current.getAndSet(next);
    if (!previous.config().equals(next.config())) {
      pool.liftDisabled();
    }
    pool.track(credentials(next));
  }

  private static List<Credential> credentials(RuntimeSnapshot snapshot) {
    return snapshot.providers().stream().flatMap(p -> p.credentials().stream()).toList();
  }

  /**
   * Answers one request through {@code sink}, its failures included (in the client's dialect).
   * Listeners hear an {@link GatewayEvent.Accepted} first and one final event last.
   */
  public void handle(ClientRequest request, ClientSink sink) {
    handle(request, current.get(), sink);
  }

  /**
   * Answers one request from {@code snapshot}, the one the server read when the request arrived
   * (its client keys admitted it), so the whole request sees one config.
   */
  public void handle(ClientRequest request, RuntimeSnapshot snapshot, ClientSink sink) {
    RequestRecorder recorder = recording.open(request, snapshot);
    try {
      handle(request, snapshot, recorder.watch(sink), recorder);
    } finally {
      recorder.finished();
    }
  }

  private void handle(
      ClientRequest request, RuntimeSnapshot snapshot, ClientSink sink, RequestRecorder recorder) {
    Exchange exchange =
        new Exchange(
            requestIds.incrementAndGet(), request, snapshot, sink, recorder, listeners, clock);
    exchange.tell(
        new GatewayEvent.Accepted(
            exchange.id(),
            clock.instant(),
            request.api(),
            request.path(),
            request.model().filter(m -> !m.isBlank()),
            request.stream(),
            request.clientKey()));
    DialectCodec clientCodec = codecs.of(request.api().dialect());
    try {
      String model = modelOf(request, snapshot);
      KeyGate.Pass pass = gate.admit(request, model, routesFor(model, snapshot), snapshot);
      Optional<Usage> used = Optional.empty();
      try {
        exchange.routed(model, pass.routes(), new RequestTranslation(request, codecs, context()));
        switch (failover.run(exchange)) {
          case Failover.Result.Answered answered -> {
            used = answered.outcome().usage();
            delivered(exchange, answered);
          }
          case Failover.Result.ClientLeft left -> {
            used = left.usage();
            exchange.tell(
                new GatewayEvent.HungUp(
                    exchange.id(),
                    left.attempt().map(a -> a.credential().id()),
                    left.usage(),
                    exchange.elapsed()));
          }
          case Failover.Result.Refused refused -> {
            ErrorReply.send(sink, clientCodec, refused.reply());
            failed(
                exchange,
                refused.reply().error(),
                refused.reply() instanceof ErrorReply.Reply.Upstream);
          }
        }
      } finally {
        pass.finished(used);
      }
    } catch (ProxyException e) {
      ErrorReply.send(sink, clientCodec, e.error());
      failed(exchange, e.error(), false);
    } catch (RuntimeException e) {
      log.error("unexpected failure answering {} {}", request.api(), request.path(), e);
      ProxyError error =
          new ProxyError(
              500,
              ProxyError.Kind.INTERNAL,
              "internal_error",
              "The proxy failed unexpectedly (" + e.getClass().getSimpleName() + "); see its log.",
              Optional.empty());
      ErrorReply.send(sink, clientCodec, error);
      failed(exchange, error, false);
    }
  }

  private static void delivered(Exchange exchange, Failover.Result.Answered answered) {
    Attempt attempt = answered.attempt();
    Outcome.Delivered outcome = answered.outcome();
    if (exchange.sink().hungUp()) {
      exchange.tell(
          new GatewayEvent.HungUp(
              exchange.id(),
              Optional.of(attempt.credential().id()),
              outcome.usage(),
              exchange.elapsed()));
      return;
    }
    exchange.tell(
        new GatewayEvent.Delivered(
            exchange.id(),
            attempt.credential().id(),
            attempt.route().provider().key(),
            attempt.route().upstreamModel(),
            200,
            exchange.request().stream(),
            outcome.complete(),
            outcome.usage(),
            exchange.elapsed()));
  }

  private static void failed(Exchange exchange, ProxyError error, boolean upstreamBody) {
    if (exchange.sink().hungUp() && !exchange.sink().committed()) {
      exchange.tell(
          new GatewayEvent.HungUp(
              exchange.id(), Optional.empty(), Optional.empty(), exchange.elapsed()));
      return;
    }
    exchange.tell(new GatewayEvent.Failed(exchange.id(), error, upstreamBody, exchange.elapsed()));
  }

  /** The models a client with {@code clientKey} (its fingerprint) may use, for model lists. */
  public List<ModelOffer> offersFor(Optional<String> clientKey, RuntimeSnapshot snapshot) {
    KeyGate current = gate;
    return snapshot.catalog().offers().stream()
        .filter(offer -> current.lists(clientKey, offer.clientName(), snapshot))
        .toList();
  }

  /**
   * Counts the prompt tokens of a request for a model this proxy serves: by the upstream's own
   * counting endpoint when its provider has one, else an estimate with OpenAI's o200k vocabulary.
   *
   * @throws dev.cliproxy.dialect.ProxyException when the model is missing or unknown, or the body
   *     is not a valid request
   */
  public long countTokens(ClientRequest request) {
    return countTokens(request, current.get());
  }

  /** Counts the prompt tokens of a request from the snapshot it arrived with. */
  public long countTokens(ClientRequest request, RuntimeSnapshot snapshot) {
    String model = modelOf(request, snapshot);
    List<ModelCatalog.Route> routes =
        gate.scope(request, model, routesFor(model, snapshot), snapshot);
    RequestTranslation translation = new RequestTranslation(request, codecs, context());
    return new UpstreamTokenCount(pool, client, snapshot)
        .count(request, model, routes, translation)
        .orElseGet(() -> TokenEstimate.of(translation.canonicalRequest()));
  }

  private CodecContext context() {
    return new CodecContext(clock.instant().getEpochSecond(), RandomIds::next);
  }

  private static String modelOf(ClientRequest request, RuntimeSnapshot snapshot) {
    String model =
        request
            .model()
            .filter(m -> !m.isBlank())
            .orElseThrow(() ->
                ProxyError.invalidRequest(
                        "missing_model",
                        "The request has no 'model'. Set it to one of: "
                            + modelList(snapshot)
                            + ".")
                    .toException());
    request.trace().model(model);
    return model;
  }

  private static List<ModelCatalog.Route> routesFor(String model, RuntimeSnapshot snapshot) {
    List<ModelCatalog.Route> routes = snapshot.catalog().resolve(model);
    if (routes.isEmpty()) {
      throw new ProxyError(
              404,
              ProxyError.Kind.NOT_FOUND,
              "model_not_found",
              "The model '"
                  + model
                  + "' is not served by this proxy. Available models: "
                  + modelList(snapshot)
                  + ".",
              Optional.empty())
          .toException();
    }
    return routes;
  }

  private static String modelList(RuntimeSnapshot snapshot) {
    List<ModelOffer> offers = snapshot.catalog().offers();
    if (offers.isEmpty()) {
      return "(none: add models under openai-compatibility in config.yaml, or log in an account)";
    }
    String listed =
        offers.stream()
            .limit(MAX_LISTED_MODELS)
            .map(ModelOffer::clientName)
            .collect(Collectors.joining(", "));
    return offers.size() > MAX_LISTED_MODELS
        ? listed + " and " + (offers.size() - MAX_LISTED_MODELS) + " more (GET /v1/models)"
        : listed;
  }
}
