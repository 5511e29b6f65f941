package dev.cliproxy.amp;

import dev.cliproxy.provider.ClientHeaders;
import dev.cliproxy.server.Exchange;
import dev.cliproxy.server.ModelCallGuard;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amp's fallback on its provider routes: a model this proxy serves (itself, or a mapping's target)
 * is answered here from the user's own accounts; any other goes unchanged to the Amp upstream when
 * there is one (and costs Amp credits). One log line per call says which happened and why.
 */
final class ProviderGuard implements ModelCallGuard {
  private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);

  private final AmpUpstream upstream;

  ProviderGuard(AmpUpstream upstream) {
    this.upstream = upstream;
  }

  @Override
  public Verdict decide(Exchange exchange, ModelCall call) throws IOException {
    if (call.model().isEmpty()) {
      return new Verdict.Serve(call.model(), call.headers()); // the gateway names what is missing
    }
    AmpState amp = upstream.state(exchange.snapshot().config());
    Predicate<String> served = model -> !exchange.snapshot().catalog().resolve(model).isEmpty();
    AmpRoute route =
        AmpRouting.decide(
            call.model().get(),
            amp.mappings(),
            amp.settings().forceModelMappings(),
            served,
            amp.settings().upstreamUrl().isPresent());
    log.atLevel(route.level()).log("{} ({})", route.logLine(), exchange.path());
    if (route instanceof AmpRoute.Forward) {
      upstream.relay(
          exchange, amp, amp.settings().upstreamUrl().orElseThrow(), Optional.of(exchange.body()));
      return new Verdict.Answered();
    }
    return new Verdict.Serve(
        route.localModel().or(call::model), withoutLongContextBeta(call.headers()));
  }

  /**
   * The headers without the 1M-context beta, which the user's own accounts mostly lack (a request
   * with it would fail where Amp's would not).
   */
  private static ClientHeaders withoutLongContextBeta(ClientHeaders headers) {
    List<String> betas = headers.all("anthropic-beta");
    if (betas.isEmpty()) {
      return headers;
    }
    Map<String, List<String>> byName = new LinkedHashMap<>(headers.byName());
    Optional<String> kept = AnthropicBeta.withoutContext1m(String.join(",", betas));
    if (kept.isPresent()) {
      byName.put("anthropic-beta", List.of(kept.get()));
    } else {
      byName.remove("anthropic-beta");
    }
    return new ClientHeaders(byName);
  }
}
