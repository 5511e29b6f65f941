package dev.cliproxy.keypolicy;

import dev.cliproxy.config.ClientKeyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * The running counts of one client key: requests and tokens over the last 60 seconds, over the UTC
 * day, tokens and cost over the UTC month, and requests in flight. It admits a request only while
 * every limit of the key's policy has room.
 */
final class KeyCounter {
  static final Duration MINUTE = Duration.ofSeconds(60);

  /** One request admitted ({@code counted}) or one answer's tokens, at {@code at}. */
  private record Event(Instant at, long tokens, boolean counted) {}

  /** The limit a request ran into and when it has room again. */
  record LimitReached(String limit, String detail, Instant frees) {}

  /**
   * The counts as the management API shows them.
   *
   * @param minuteRequests requests admitted in the last 60 seconds
   */
  record Counts(
      long minuteRequests,
      long minuteTokens,
      long dayRequests,
      long dayTokens,
      long monthTokens,
      double monthCostUsd,
      long inFlight) {}

  private final Deque<Event> minute = new ArrayDeque<>();
  private LocalDate day;
  private long dayRequests;
  private long dayTokens;
  private YearMonth month;
  private long monthTokens;
  private double monthCost;
  private long inFlight;

  KeyCounter(Instant now) {
    this.day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    this.month = YearMonth.from(day);
  }

  /** Counts one earlier request of this month, read back from the usage records. */
  synchronized void seedMonth(boolean today, long requests, long tokens, double cost) {
    monthTokens += tokens;
    monthCost += cost;
    if (today) {
      dayRequests += requests;
      dayTokens += tokens;
    }
  }

  /** Counts one record of the last minute, read back from the usage records. */
  synchronized void seedRecent(Instant at, long tokens, boolean counted) {
    minute.addLast(new Event(at, 0, counted));
    if (tokens > 0) {
      minute.addLast(new Event(at, tokens, false));
    }
  }

  /** Admits a request and counts it, or says which limit has no room. */
  synchronized Optional<LimitReached> admit(ClientKeyPolicy.Limits limits, Instant now) {
    roll(now);
    Optional<LimitReached> reached = reached(limits, now);
    if (reached.isEmpty()) {
      minute.addLast(new Event(now, 0, true));
      dayRequests++;
      inFlight++;
    }
    return reached;
  }

  /** An admitted request ended having used {@code tokens} that cost {@code cost} dollars. */
  synchronized void finished(long tokens, double cost, Instant now) {
    inFlight = Math.max(0, inFlight - 1);
    roll(now);
    if (tokens > 0) {
      minute.addLast(new Event(now, tokens, false));
    }
    dayTokens += tokens;
    monthTokens += tokens;
    monthCost += cost;
  }

  synchronized Counts counts(Instant now) {
    roll(now);
    long requests = 0;
    long tokens = 0;
    for (Event event : minute) {
      requests += event.counted() ? 1 : 0;
      tokens += event.tokens();
    }
    return new Counts(requests, tokens, dayRequests, dayTokens, monthTokens, monthCost, inFlight);
  }

  private Optional<LimitReached> reached(ClientKeyPolicy.Limits limits, Instant now) {
    if (limits.concurrentRequests() > 0 && inFlight >= limits.concurrentRequests()) {
      return Optional.of(
          new LimitReached(
              "concurrent-requests",
              requests(limits.concurrentRequests()) + " at once",
              now.plusSeconds(1)));
    }
    if (limits.requestsPerMinute() > 0) {
      Optional<Instant> frees = minuteFrees(limits.requestsPerMinute(), true);
      if (frees.isPresent()) {
        return Optional.of(
            new LimitReached(
                "requests-per-minute",
                requests(limits.requestsPerMinute()) + " per minute",
                frees.get()));
      }
    }
    if (limits.tokensPerMinute() > 0) {
      Optional<Instant> frees = minuteFrees(limits.tokensPerMinute(), false);
      if (frees.isPresent()) {
        return Optional.of(
            new LimitReached(
                "tokens-per-minute", limits.tokensPerMinute() + " tokens per minute", frees.get()));
      }
    }
    Instant tomorrow = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    if (limits.requestsPerDay() > 0 && dayRequests >= limits.requestsPerDay()) {
      return Optional.of(
          new LimitReached(
              "requests-per-day", requests(limits.requestsPerDay()) + " per day (UTC)", tomorrow));
    }
    if (limits.tokensPerDay() > 0 && dayTokens >= limits.tokensPerDay()) {
      return Optional.of(
          new LimitReached(
              "tokens-per-day",
              limits.tokensPerDay() + " tokens per day (UTC); " + dayTokens + " used today",
              tomorrow));
    }
    Instant nextMonth = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    if (limits.monthlyTokens() > 0 && monthTokens >= limits.monthlyTokens()) {
      return Optional.of(
          new LimitReached(
              "monthly-token-budget",
              limits.monthlyTokens() + " tokens per month; " + monthTokens + " used this month",
              nextMonth));
    }
    if (limits.monthlyCostUsd() > 0 && monthCost >= limits.monthlyCostUsd()) {
      return Optional.of(
          new LimitReached(
              "monthly-cost-budget",
              String.format(
                  java.util.Locale.ROOT,
                  "$%.2f per month; $%.2f used this month",
                  limits.monthlyCostUsd(),
                  monthCost),
              nextMonth));
    }
    return Optional.empty();
  }

  private static String requests(long n) {
    return n == 1 ? "1 request" : n + " requests";
  }

  /**
   * When the last 60 seconds have room under {@code limit} again (requests when {@code requests},
   * else tokens); empty when they have room now.
   */
  private Optional<Instant> minuteFrees(long limit, boolean requests) {
    long used = 0;
    for (Event event : minute) {
      used += requests ? (event.counted() ? 1 : 0) : event.tokens();
    }
    if (used < limit) {
      return Optional.empty();
    }
    for (Iterator<Event> oldest = minute.iterator(); oldest.hasNext(); ) {
      Event event = oldest.next();
      used -= requests ? (event.counted() ? 1 : 0) : event.tokens();
      if (used < limit) {
        return Optional.of(event.at().plus(MINUTE));
      }
    }
    throw new IllegalStateException("the window emptied without making room");
  }

  /** Forgets what fell out of the minute, the day and the month. */
  private void roll(Instant now) {
    Instant cutoff = now.minus(MINUTE);
    while (!minute.isEmpty() && !minute.peekFirst().at().isAfter(cutoff)) {
      minute.removeFirst();
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      dayRequests = 0;
      dayTokens = 0;
    }
    YearMonth thisMonth = YearMonth.from(today);
    if (!thisMonth.equals(month)) {
      month = thisMonth;
      monthTokens = 0;
      monthCost = 0;
    }
  }
}
