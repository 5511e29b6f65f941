package dev.cliproxy.gateway;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.StreamCollector;
import dev.cliproxy.dialect.sse.SseEventReader;
import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one upstream answer to the client through its shape: whole, event by event, or a stream
 * collected into a whole answer for a client that wants one. A refusal, or a failure before the
 * client saw a byte, comes back as {@link Outcome.Failed} so the gateway can try elsewhere; after
 * the first byte, a break is told to the client inside its stream.
 */
final class AnswerDelivery {
  private static final Logger log = LoggerFactory.getLogger(AnswerDelivery.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_EVENT_BYTES = 64 << 20;
  private static final int MAX_WHOLE_BODY = 512 << 20;

  private final Attempt attempt;
  private final UpstreamAnswer answer;
  private final ResponseShape shape;
  private final ClientSink sink;
  private final FailureReader failures;
  private final Credential credential;
  private final Clock clock;
  private final Optional<Duration> firstByte;

  AnswerDelivery(
      Attempt attempt,
      UpstreamAnswer answer,
      ResponseShape shape,
      ClientSink sink,
      FailureReader failures,
      Credential credential,
      Clock clock,
      Optional<Duration> firstByte) {
    this.attempt = attempt;
    this.answer = answer;
    this.shape = shape;
    this.sink = sink;
    this.failures = failures;
    this.credential = credential;
    this.clock = clock;
    this.firstByte = firstByte;
  }

  /**
   * @param upstreamStream whether the upstream answers as a stream
   * @param clientStream whether the client wants one; when only the upstream streams, the stream is
   *     collected into a whole answer
   */
  Outcome deliver(boolean upstreamStream, boolean clientStream) {
    if (answer.status() == 407) {
      // Our outbound proxy (proxy-url) refused its credentials. Passed on, a 407 would ask the
      // client for its own proxy's credentials; like a SOCKS5 refusal, it is unreachability.
      return failed(
          UpstreamFailure.unreachable(
              "the outbound proxy refused the proxy-url credentials (HTTP 407)"));
    }
    if (!upstreamStream) {
      return whole();
    }
    return clientStream ? stream() : collect();
  }

  /** A whole answer, handed over once. */
  private Outcome whole() {
    byte[] body;
    try {
      body = answer.whole(MAX_WHOLE_BODY);
    } catch (IOException e) {
      return sink.hungUp() ? hungUp() : undecodable(e);
    }
    if (!isSuccess(answer.status())) {
      return refused(Arrays.copyOf(body, Math.min(body.length, MAX_ERROR_BODY)));
    }
    return deliverWhole(body, answer.headers().get("Content-Type"));
  }

  /** Shapes a whole upstream answer for the client and sends it. */
  private Outcome deliverWhole(byte[] body, String contentType) {
    byte[] shaped;
    try {
      shaped = shape.body(body);
    } catch (ProxyException e) {
      return failed(
          UpstreamFailure.badAnswer(
              502, "", new byte[0], "upstream answer unreadable: " + e.getMessage()));
    }
    try {
      sink.complete(200, contentType == null ? "application/json" : contentType, shaped, Map.of());
    } catch (IOException clientGone) {
      log.debug("client hung up before the answer was written: {}", clientGone.toString());
    }
    return new Outcome.Delivered(attempt, answer.status(), true, shape.usage(), firstByte);
  }

  /** A streamed answer, read event by event as it arrives. */
  private Outcome stream() {
    InputStream in;
    try {
      in = answer.stream();
    } catch (IOException e) {
      return sink.hungUp() ? hungUp() : undecodable(e);
    }
    if (!isSuccess(answer.status())) {
      try {
        return refused(in.readNBytes(MAX_ERROR_BODY));
      } catch (IOException e) {
        return sink.hungUp()
            ? hungUp()
            : failed(UpstreamFailure.unreachable(JettyUpstreamClient.describe(e)));
      }
    }
    return pumpEvents(in);
  }

  /**
   * A whole answer for the client, collected from an upstream that only streams; a stream that
   * fails or ends before its final event is a failure, since the client has seen nothing yet.
   */
  private Outcome collect() {
    InputStream in;
    try {
      in = answer.stream();
    } catch (IOException e) {
      return sink.hungUp() ? hungUp() : undecodable(e);
    }
    StreamCollector collector = shape.collector();
    try {
      if (!isSuccess(answer.status())) {
        return refused(in.readNBytes(MAX_ERROR_BODY));
      }
      SseEventReader events = new SseEventReader(in, MAX_EVENT_BYTES);
      for (byte[] event = events.next(); event != null; event = events.next()) {
        collector.onEvent(event);
      }
    } catch (IOException e) {
      return sink.hungUp()
          ? hungUp()
          : failed(
              UpstreamFailure.unreachable(
                  "stream broke before it completed: " + JettyUpstreamClient.describe(e)));
    }
    return switch (collector.result()) {
      case StreamCollector.Result.Complete complete ->
          deliverWhole(complete.body(), "application/json");
      case StreamCollector.Result.Incomplete incomplete ->
          failed(
              UpstreamFailure.badAnswer(
                  incomplete.error().status(),
                  "application/json",
                  incomplete.body(),
                  incomplete.error().message()));
    };
  }

  private Outcome pumpEvents(InputStream in) {
    SseEventReader events = new SseEventReader(in, MAX_EVENT_BYTES);
    boolean started = false;
    while (true) {
      byte[] event;
      try {
        event = events.next();
      } catch (IOException e) {
        if (sink.hungUp()) {
          return hungUp();
        }
        String why = JettyUpstreamClient.describe(e);
        if (!started) {
          return failed(UpstreamFailure.unreachable("stream broke before the first event: " + why));
        }
        ErrorReply.inStream(sink, shape, streamError("The upstream stream broke off: " + why));
        return broken();
      }
      if (event == null) {
        break;
      }
      List<byte[]> out;
      try {
        out = shape.events(event);
      } catch (ProxyException e) {
        log.debug("dropping an upstream event that could not be translated: {}", e.getMessage());
        continue;
      }
      if (out.isEmpty()) {
        continue;
      }
      if (!started) {
        sink.beginEventStream();
        started = true;
      }
      try {
        sink.event(ResponseShape.concat(out));
      } catch (IOException clientGone) {
        return hungUp();
      }
    }
    try {
      List<byte[]> closing = shape.end();
      if (!started) {
        sink.beginEventStream();
      }
      if (!closing.isEmpty()) {
        sink.event(ResponseShape.concat(closing));
      }
      sink.end();
    } catch (IOException clientGone) {
      log.debug("client hung up at the end of the stream");
    } catch (ProxyException e) {
      ErrorReply.inStream(
          sink,
          shape,
          streamError("The upstream stream could not be translated: " + e.getMessage()));
      return broken();
    }
    return new Outcome.Delivered(attempt, answer.status(), true, shape.usage(), firstByte);
  }

  private static ProxyError streamError(String message) {
    return new ProxyError(
        502, ProxyError.Kind.UPSTREAM, "upstream_stream_error", message, Optional.empty());
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status <= 299;
  }

  /** The failure for a non-2xx answer, read by the provider (knowing whether a key was refused). */
  private Outcome refused(byte[] body) {
    int status = answer.status();
    String contentType = answer.headers().first("Content-Type").orElse("");
    return failed(
        new UpstreamFailure(
            status,
            contentType,
            body,
            failures.read(
                new Refusal(
                    status, answer.headers(), body, clock.instant(), credential.hasApiKey())),
            "upstream answered " + status));
  }

  /** The failure for an answer whose Content-Encoding cannot be undone. */
  private Outcome undecodable(IOException e) {
    return failed(
        UpstreamFailure.badAnswer(
            502,
            "",
            new byte[0],
            "upstream answered " + answer.status() + " but " + JettyUpstreamClient.describe(e)));
  }

  private Outcome failed(UpstreamFailure failure) {
    return new Outcome.Failed(attempt, failure, firstByte);
  }

  private Outcome hungUp() {
    return new Outcome.HungUp(attempt, answer.status(), shape.usage(), firstByte);
  }

  private Outcome broken() {
    return new Outcome.Delivered(attempt, answer.status(), false, shape.usage(), firstByte);
  }
}
