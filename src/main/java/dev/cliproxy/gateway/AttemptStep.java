package dev.cliproxy.gateway;

/**
 * One step of a try, in the style of an OkHttp interceptor: it may change the attempt, hand it on
 * with {@link AttemptChain#proceed}, look at (or retry on) the outcome, and hand that back.
 */
interface AttemptStep {
  Outcome proceed(Attempt attempt, AttemptChain next);
}
