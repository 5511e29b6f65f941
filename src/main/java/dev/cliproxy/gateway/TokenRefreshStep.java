package dev.cliproxy.gateway;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.refresh.TokenRecovery;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token recovery: when an OAuth account's token is refused with 401 and the account can be
 * refreshed (or already was, by a concurrent request or an edit on disk), the same credential is
 * tried once more, from a fresh translation.
 */
final class TokenRefreshStep implements AttemptStep {
  private static final Logger log = LoggerFactory.getLogger(TokenRefreshStep.class);

  private final TokenRecovery recovery;

  TokenRefreshStep(TokenRecovery recovery) {
    this.recovery = recovery;
  }

  @Override
  public Outcome proceed(Attempt attempt, AttemptChain next) {
    String token = attempt.credential().token();
    Outcome outcome = next.proceed(attempt);
    Optional<Account> account = attempt.credential().account();
    if (!(outcome instanceof Outcome.Failed failed)
        || failed.status() != 401
        || account.isEmpty()
        || attempt.exchange().sink().hungUp()) {
      return outcome;
    }
    try {
      if (!recovery.recover(account.get(), token)) {
        return outcome;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return outcome;
    }
    log.info("{}: token refreshed after a 401; trying again", attempt.credential().label());
    attempt.exchange().tell(Failover.attempted(outcome, Optional.empty()));
    return next.proceed(attempt.again());
  }
}
