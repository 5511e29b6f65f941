package dev.cliproxy.keypolicy;

import dev.cliproxy.usage.ClientKeySpend;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a key's counter starts: from the usage records of this month (requests and tokens of the
 * UTC day and the last minute, tokens and cost of the month), or from nothing when the proxy keeps
 * no usage file.
 */
public final class SpendHistory {
  private static final Logger log = LoggerFactory.getLogger(SpendHistory.class);

  /** No records: counters start at zero on every start. */
  public static final SpendHistory NONE = new SpendHistory(Optional.empty());

  private final Optional<ClientKeySpend> spend;

  private SpendHistory(Optional<ClientKeySpend> spend) {
    this.spend = spend;
  }

  /** Counters that start from the records {@code spend} reads. */
  public static SpendHistory of(ClientKeySpend spend) {
    return new SpendHistory(Optional.of(spend));
  }

  KeyCounter counterFor(String fingerprint, ModelPrices prices, Instant now) {
    KeyCounter counter = new KeyCounter(now);
    if (spend.isEmpty()) {
      return counter;
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Instant dayStart = today.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant monthStart = today.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant recentStart = now.minus(KeyCounter.MINUTE);
    try {
      ClientKeySpend.Spend past =
          spend
              .get()
              .of(
                  fingerprint,
                  monthStart,
                  dayStart,
                  recentStart.isBefore(monthStart) ? monthStart : recentStart);
      for (ClientKeySpend.ModelPart part : past.month()) {
        double cost =
            prices
                .of(part.model())
                .or(() -> prices.of(part.upstreamModel()))
                .map(p -> ModelPrices.cost(p, part.tokens()))
                .orElse(0d);
        counter.seedMonth(part.today(), part.requests(), part.tokens().totalTokens(), cost);
      }
      for (ClientKeySpend.Recent recent : past.recent()) {
        counter.seedRecent(recent.at(), recent.tokens(), recent.counted());
      }
    } catch (SQLException e) {
      log.warn(
          "key limits: cannot read the usage of {} ({}); counting it from zero",
          fingerprint,
          e.toString());
    }
    return counter;
  }
}
