package dev.cliproxy.gateway;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.auth.CredentialStatus;
import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.provider.CredentialUnavailable;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.QuotaProbe;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the upstreams whose answers say nothing of a credential's allowance (Code Assist) what it
 * is, when someone looks: {@link #statusAfterAsking()} asks for every ready or resting credential
 * not asked in the last {@link #MIN_INTERVAL}, waits a little for the answers, and gives the pool's
 * status with them. Each question goes through the credential's outbound proxy, at most {@link
 * #AT_ONCE} at a time; a failed one is logged and asked again after the interval, like the others.
 */
public final class QuotaProbes {
  private static final Logger log = LoggerFactory.getLogger(QuotaProbes.class);

  /** How long an answer stands before the credential is asked again. */
  public static final Duration MIN_INTERVAL = Duration.ofMinutes(5);

  /** How many questions are in flight at once. */
  static final int AT_ONCE = 8;

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(3);
  private static final int MAX_ANSWER = 1 << 20;

  private final CredentialPool pool;
  private final UpstreamClient client;
  private final Supplier<RuntimeSnapshot> snapshot;
  private final Clock clock;
  private final Map<String, Instant> asked = new ConcurrentHashMap<>();
  private final Semaphore slots = new Semaphore(AT_ONCE);
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  QuotaProbes(
      CredentialPool pool, UpstreamClient client, Supplier<RuntimeSnapshot> snapshot, Clock clock) {
    this.pool = pool;
    this.client = client;
    this.snapshot = snapshot;
    this.clock = clock;
  }

  /**
   * The pool's status, after asking what is due; answers that take longer than a few seconds land
   * later and show on the next look.
   */
  public List<CredentialStatus> statusAfterAsking() {
    List<CompletableFuture<Void>> started = askWhatIsDue();
    try {
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      log.debug("quota questions still open after {}", WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return pool.status();
  }

  private List<CompletableFuture<Void>> askWhatIsDue() {
    RuntimeSnapshot now = snapshot.get();
    Map<String, CredentialStatus.State> states =
        pool.status().stream()
            .collect(Collectors.toMap(CredentialStatus::id, CredentialStatus::state, (a, b) -> a));
    Instant at = clock.instant();
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (Provider provider : now.providers()) {
      for (Credential credential : provider.credentials()) {
        CredentialStatus.State state = states.get(credential.id());
        if (state != CredentialStatus.State.READY && state != CredentialStatus.State.RESTING) {
          continue;
        }
        if (!due(credential.id(), at)) {
          continue;
        }
        Optional<QuotaProbe> probe;
        try {
          probe = provider.quotaProbe(credential);
        } catch (CredentialUnavailable e) {
          continue;
        }
        probe.ifPresent(
            p -> started.add(CompletableFuture.runAsync(() -> ask(credential, p, now), threads)));
      }
    }
    return started;
  }

  /** Whether the credential was not asked within the interval; if so it counts as asked now. */
  private boolean due(String id, Instant now) {
    boolean[] due = {false};
    asked.compute(
        id,
        (k, last) -> {
          if (last != null && last.plus(MIN_INTERVAL).isAfter(now)) {
            return last;
          }
          due[0] = true;
          return now;
        });
    return due[0];
  }

  private void ask(Credential credential, QuotaProbe probe, RuntimeSnapshot now) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    UpstreamClient.Call call =
        new UpstreamClient.Call(
            probe.request(),
            credential.proxyUrl().or(() -> now.config().proxyUrl()),
            false,
            Optional.of(CALL_TIMEOUT));
    try (UpstreamAnswer answer = client.send(call, abort -> {})) {
      byte[] body = answer.whole(MAX_ANSWER);
      if (answer.status() != 200) {
        log.warn("quota question for {} answered {}", credential.label(), answer.status());
        return;
      }
      Optional<QuotaSnapshot> quota = probe.reader().read(body, clock.instant());
      if (quota.isEmpty()) {
        log.warn("quota answer for {} could not be read", credential.label());
      }
      quota.ifPresent(q -> pool.observedQuota(credential, q));
    } catch (UpstreamClient.UpstreamUnreachable | IOException e) {
      log.warn("quota question for {} failed: {}", credential.label(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      slots.release();
    }
  }
}
