package dev.cliproxy.gateway;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link GatewayListener} is told about one client request, in order: one {@link Accepted},
 * an {@link Attempted} per upstream try, and exactly one of {@link Delivered}, {@link HungUp} or
 * {@link Failed}. Every event names its request by {@link #requestId()}.
 */
public sealed interface GatewayEvent {

  /** Which request this is about, unique within the process. */
  long requestId();

  /**
   * The gateway took a request.
   *
   * @param at when
   * @param api the client API it came in through (its dialect is {@code api.dialect()})
   * @param path the path it was sent to, e.g. {@code /v1/messages}
   * @param model the model asked for, empty when the request names none
   * @param stream whether the client asked for a stream
   * @param clientKey a fingerprint of the client key it presented ({@code sha256:} and 12 hex
   *     digits), empty when the proxy needs none; never the key itself
   */
  record Accepted(
      long requestId,
      Instant at,
      ClientApi api,
      String path,
      Optional<String> model,
      boolean stream,
      Optional<String> clientKey)
      implements GatewayEvent {
    /** The dialect the client speaks. */
    public Dialect dialect() {
      return api.dialect();
    }
  }

  /**
   * One try of one credential ended.
   *
   * @param number 1 for the first try of the request, 2 for the next …
   * @param credentialId the credential's stable id (an auth file name or a key fingerprint id)
   * @param authIndex the credential's {@link dev.cliproxy.auth.AuthIndex}, as dashboards key it
   * @param provider the provider key, e.g. {@code codex}
   * @param upstreamModel the model name sent upstream
   * @param passthrough whether the client's body went as it was (only the model changed)
   * @param status the upstream's HTTP status; 0 when no answer came (connection failure)
   * @param firstByte time from sending to the answer's head, empty when none came
   * @param upstreamWait the time this try spent waiting on its upstream: sending the request, the
   *     answer's head, and reading the answer's body (so a request's time inside the proxy is its
   *     elapsed time minus the sum of its tries' waits)
   * @param rest how long the credential now rests for this model because of this try, if at all
   * @param reason a short description of a failure ({@link #CLIENT_LEFT} when the client hung up
   *     during the try), empty for a success
   */
  record Attempted(
      long requestId,
      int number,
      String credentialId,
      String authIndex,
      String provider,
      String upstreamModel,
      boolean passthrough,
      int status,
      Optional<Duration> firstByte,
      Duration upstreamWait,
      Optional<Duration> rest,
      String reason)
      implements GatewayEvent {
    /** The {@link #reason} of a try the client hung up during. */
    public static final String CLIENT_LEFT = "the client hung up";

    /** Whether the try ended because the client hung up, not because of the upstream. */
    public boolean clientLeft() {
      return CLIENT_LEFT.equals(reason);
    }

    /** Whether the upstream failed this try: no answer (status 0) or an error status. */
    public boolean upstreamFailed() {
      return !clientLeft() && (status == 0 || status >= 400);
    }
  }

  /**
   * The answer reached the client.
   *
   * @param credentialId the credential that served it
   * @param provider the provider key
   * @param upstreamModel the model name sent upstream
   * @param status the status the client got (200)
   * @param stream whether it was streamed to the client
   * @param complete false when the upstream broke off after the client had started receiving
   * @param usage the upstream's token counts, empty when the answer reported none
   * @param elapsed from acceptance to the last byte
   */
  record Delivered(
      long requestId,
      String credentialId,
      String provider,
      String upstreamModel,
      int status,
      boolean stream,
      boolean complete,
      Optional<Usage> usage,
      Duration elapsed)
      implements GatewayEvent {}

  /**
   * The client hung up before its answer was complete.
   *
   * @param credentialId the credential being tried then, empty if none was
   * @param usage what the upstream had reported by then, if anything
   * @param elapsed from acceptance to the hang-up being noticed
   */
  record HungUp(
      long requestId, Optional<String> credentialId, Optional<Usage> usage, Duration elapsed)
      implements GatewayEvent {}

  /**
   * The request ended in an error the client was told about (its status and message), after every
   * option failed or because the request itself was wrong.
   *
   * @param error what the client was told
   * @param upstreamBodyPassedOn true when the client got the upstream's own error body (its dialect
   *     matched), in which case {@code error} describes it
   * @param elapsed from acceptance to the error being sent
   */
  record Failed(long requestId, ProxyError error, boolean upstreamBodyPassedOn, Duration elapsed)
      implements GatewayEvent {}
}
