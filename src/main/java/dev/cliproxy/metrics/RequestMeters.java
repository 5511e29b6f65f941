package dev.cliproxy.metrics;

import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.gateway.GatewayEvent;
import dev.cliproxy.gateway.GatewayListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request meters, fed by the gateway's events: requests by dialect, model, provider and status;
 * latency, time to the upstream's first byte and time inside the proxy; tokens by model and kind;
 * upstream errors, rests and broken streams; requests and streams in flight. Only counters and
 * timers run on the request's thread.
 */
final class RequestMeters implements GatewayListener {
  private static final Duration[] LATENCY_BUCKETS =
      seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600);
  private static final Duration[] FIRST_BYTE_BUCKETS =
      seconds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120);
  private static final Duration[] PROXY_BUCKETS =
      seconds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);

  private final Map<Long, InFlightRequest> inFlight = new ConcurrentHashMap<>();
  private final ModelLabels models;
  private final Meter.MeterProvider<Counter> requests;
  private final Meter.MeterProvider<Timer> duration;
  private final Meter.MeterProvider<Timer> firstByte;
  private final Meter.MeterProvider<Timer> proxyTime;
  private final Meter.MeterProvider<Counter> tokens;
  private final Meter.MeterProvider<Counter> upstreamErrors;
  private final Meter.MeterProvider<Counter> rests;
  private final Meter.MeterProvider<Counter> brokenStreams;

  RequestMeters(MeterRegistry registry, ModelLabels models) {
    this.models = models;
    this.requests =
        Counter.builder("cliproxy.requests")
            .description(
                "Client requests answered, by client dialect, model asked for (the first "
                    + ModelLabels.DEFAULT_LIMIT
                    + " models served, then 'other'; 'none' when the request named none),"
                    + " provider that served or last tried it ('none' if none was tried) and the"
                    + " status the client got ('hung_up' when the client left first)")
            .withRegistry(registry);
    this.duration =
        Timer.builder("cliproxy.request.duration")
            .description(
                "Time from the proxy accepting a request to its answer's last byte (or the error,"
                    + " or the client hanging up), by client dialect and provider")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .withRegistry(registry);
    this.firstByte =
        Timer.builder("cliproxy.upstream.first.byte")
            .description(
                "Time from sending a request upstream to the upstream answer's head, per try, by"
                    + " provider")
            .serviceLevelObjectives(FIRST_BYTE_BUCKETS)
            .withRegistry(registry);
    this.proxyTime =
        Timer.builder("cliproxy.proxy.time")
            .description(
                "Time a request spent inside the proxy: its whole duration minus the time its"
                    + " upstream tries waited on their upstreams (sending, the answer's head,"
                    + " reading the body). It holds routing, translation, writing to the client"
                    + " and any wait for a resting credential. By client dialect")
            .serviceLevelObjectives(PROXY_BUCKETS)
            .withRegistry(registry);
    this.tokens =
        Counter.builder("cliproxy.tokens")
            .description(
                "Tokens the upstreams reported, by upstream model (bounded as for requests) and"
                    + " kind: input (read fresh), cached, cache_write, output (reasoning"
                    + " included) and reasoning")
            .withRegistry(registry);
    this.upstreamErrors =
        Counter.builder("cliproxy.upstream.errors")
            .description(
                "Upstream tries that failed, by provider and upstream status ('unreachable' when"
                    + " no answer came)")
            .withRegistry(registry);
    this.rests =
        Counter.builder("cliproxy.credential.rests")
            .description("Times a credential was rested after a failed try, by provider")
            .withRegistry(registry);
    this.brokenStreams =
        Counter.builder("cliproxy.streams.broken")
            .description(
                "Answers whose upstream broke off after the client had started receiving, by"
                    + " provider")
            .withRegistry(registry);
    Gauge.builder("cliproxy.requests.in.flight", inFlight, Map::size)
        .description("Client requests being answered now")
        .register(registry);
    Gauge.builder("cliproxy.streams.in.flight", inFlight, RequestMeters::streams)
        .description("Streamed client requests being answered now")
        .register(registry);
  }

  @Override
  public void on(GatewayEvent event) {
    switch (event) {
      case GatewayEvent.Accepted accepted ->
          inFlight.put(
              accepted.requestId(),
              new InFlightRequest(
                  accepted.dialect().name().toLowerCase(Locale.ROOT),
                  accepted.model(),
                  accepted.stream()));
      case GatewayEvent.Attempted attempted -> attempted(attempted);
      case GatewayEvent.Delivered delivered -> {
        InFlightRequest request = inFlight.remove(delivered.requestId());
        if (request != null) {
          request.servedBy(delivered.provider(), delivered.upstreamModel());
          if (!delivered.complete()) {
            brokenStreams.withTags("provider", delivered.provider()).increment();
          }
          delivered.usage().ifPresent(usage -> tokens(request, usage));
          ended(request, Integer.toString(delivered.status()), delivered.elapsed());
        }
      }
      case GatewayEvent.HungUp hungUp -> {
        InFlightRequest request = inFlight.remove(hungUp.requestId());
        if (request != null) {
          hungUp.usage().ifPresent(usage -> tokens(request, usage));
          ended(request, "hung_up", hungUp.elapsed());
        }
      }
      case GatewayEvent.Failed failed -> {
        InFlightRequest request = inFlight.remove(failed.requestId());
        if (request != null) {
          ended(request, Integer.toString(failed.error().status()), failed.elapsed());
        }
      }
    }
  }

  private void attempted(GatewayEvent.Attempted attempted) {
    InFlightRequest request = inFlight.get(attempted.requestId());
    if (request != null) {
      request.tried(attempted.provider(), attempted.upstreamModel(), attempted.upstreamWait());
    }
    String provider = attempted.provider();
    attempted.firstByte().ifPresent(time -> firstByte.withTags("provider", provider).record(time));
    if (attempted.upstreamFailed()) {
      String status =
          attempted.status() == 0 ? "unreachable" : Integer.toString(attempted.status());
      upstreamErrors.withTags("provider", provider, "status", status).increment();
    }
    if (attempted.rest().isPresent()) {
      rests.withTags("provider", provider).increment();
    }
  }

  private void ended(InFlightRequest request, String status, Duration elapsed) {
    requests
        .withTags(
            "dialect",
            request.dialect(),
            "model",
            models.of(request.model(), request.reachedUpstream()),
            "provider",
            request.provider(),
            "status",
            status)
        .increment();
    duration.withTags("dialect", request.dialect(), "provider", request.provider()).record(elapsed);
    proxyTime.withTags("dialect", request.dialect()).record(request.insideProxy(elapsed));
  }

  private void tokens(InFlightRequest request, Usage usage) {
    String model = models.of(Optional.of(request.upstreamModel()), request.reachedUpstream());
    tokens.withTags("model", model, "kind", "input").increment(usage.inputTokens());
    tokens.withTags("model", model, "kind", "cached").increment(usage.cachedInputTokens());
    tokens.withTags("model", model, "kind", "cache_write").increment(usage.cacheWriteTokens());
    tokens.withTags("model", model, "kind", "output").increment(usage.outputTokens());
    tokens.withTags("model", model, "kind", "reasoning").increment(usage.reasoningTokens());
  }

  private static double streams(Map<Long, InFlightRequest> inFlight) {
    return inFlight.values().stream().filter(InFlightRequest::stream).count();
  }

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return out;
  }
}
