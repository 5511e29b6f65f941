package dev.cliproxy.server;

import dev.cliproxy.auth.SecretMask;
import dev.cliproxy.gateway.RequestTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one access-log line every request gets, with query secrets masked. */
final class AccessLog {
  private static final Logger access = LoggerFactory.getLogger("access");

  private AccessLog() {}

  static void write(Exchange exchange, int status, long startedNanos) {
    long micros = (System.nanoTime() - startedNanos) / 1000;
    JettyClientSink sink = exchange.jettySink();
    RequestTrace trace = exchange.trace();
    String target = exchange.request().getHttpURI().getPathQuery();
    access.info(
        "{} {} {} model={} provider={} attempts={} {}.{}ms{}",
        exchange.method(),
        SecretMask.maskQuery(target),
        sink.hungUp() && status == 0 ? 499 : status,
        trace.model(),
        trace.provider(),
        trace.attempts(),
        micros / 1000,
        threeDigits(micros % 1000),
        sink.hungUp() ? " client-hung-up" : "");
  }

  /** 0 to 999 with leading zeros, without a format string to parse on every request. */
  private static String threeDigits(long n) {
    return n >= 100 ? Long.toString(n) : n >= 10 ? "0" + n : "00" + n;
  }
}
