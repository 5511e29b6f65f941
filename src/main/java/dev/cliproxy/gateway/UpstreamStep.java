package dev.cliproxy.gateway;

import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.config.ProxyUrl;
import java.time.Duration;
import java.util.Optional;

/**
 * The upstream attempt: sends the prepared request through the credential's outbound proxy and
 * delivers the answer to the client ({@link AnswerDelivery}), or reports why it could not.
 */
final class UpstreamStep implements AttemptStep {
  private final UpstreamClient client;
  private final CredentialPool pool;

  UpstreamStep(UpstreamClient client, CredentialPool pool) {
    this.client = client;
    this.pool = pool;
  }

  @Override
  public Outcome proceed(Attempt attempt, AttemptChain next) {
    Exchange exchange = attempt.exchange();
    ClientSink sink = exchange.sink();
    boolean clientStream = exchange.request().stream();
    boolean upstreamStream = attempt.route().provider().protocol().streams(clientStream);
    Optional<ProxyUrl> proxy =
        attempt.credential().proxyUrl().or(() -> exchange.snapshot().config().proxyUrl());
    long sent = System.nanoTime();
    UpstreamAnswer answer;
    try {
      answer =
          client.send(
              new UpstreamClient.Call(attempt.request(), proxy, upstreamStream, Optional.empty()),
              sink::onHangUp);
    } catch (UpstreamClient.UpstreamUnreachable e) {
      exchange.waitedOnUpstream(System.nanoTime() - sent);
      return sink.hungUp()
          ? new Outcome.HungUp(attempt, 0, Optional.empty(), Optional.empty())
          : new Outcome.Failed(
              attempt, UpstreamFailure.unreachable(e.getMessage()), Optional.empty());
    } catch (InterruptedException e) {
      exchange.waitedOnUpstream(System.nanoTime() - sent);
      Thread.currentThread().interrupt();
      return new Outcome.HungUp(attempt, 0, Optional.empty(), Optional.empty());
    }
    Duration firstByte = Duration.ofNanos(System.nanoTime() - sent);
    exchange.waitedOnUpstream(firstByte.toNanos());
    attempt
        .route()
        .provider()
        .quota(answer.headers(), exchange.clock().instant())
        .ifPresent(quota -> pool.observedQuota(attempt.credential(), quota));
    try (UpstreamAnswer timed = new TimedAnswer(answer, exchange::waitedOnUpstream)) {
      return new AnswerDelivery(
              attempt,
              timed,
              attempt.prepared().shape(),
              sink,
              attempt.route().provider().protocol().failures(),
              attempt.credential(),
              exchange.clock(),
              Optional.of(firstByte))
          .deliver(upstreamStream, clientStream);
    }
  }
}
