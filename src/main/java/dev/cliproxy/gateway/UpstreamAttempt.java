package dev.cliproxy.gateway;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.StreamCollector;
import dev.cliproxy.dialect.sse.SseEventReader;
import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.provider.UpstreamRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try of one credential: send the upstream request, then either deliver the answer to the
 * client or report a failure that happened before the client saw a byte.
 */
final class UpstreamAttempt {
  private static final Logger log = LoggerFactory.getLogger(UpstreamAttempt.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_EVENT_BYTES = 64 << 20;
  private static final int MAX_WHOLE_BODY = 512 << 20;
  private static final long HEADERS_TIMEOUT_MINUTES = 30;
  private static final long IDLE_TIMEOUT_MINUTES = 10;

  /** What a delivered attempt says about the credential. */
  enum Health {
    /** The upstream answered in full. */
    GOOD,
    /** The upstream broke off after the client had started receiving. */
    BROKEN,
    /** The client hung up first; nothing learned. */
    UNKNOWN
  }

  /** What came of the attempt. */
  sealed interface Outcome {
    /**
     * The client got its answer, or hung up; nothing more to do.
     *
     * @param upstream what the attempt showed about the credential
     */
    record Delivered(Health upstream) implements Outcome {}

    /** Nothing reached the client; the gateway may try elsewhere. */
    record Failed(UpstreamFailure failure) implements Outcome {}
  }

  private final HttpClient client;
  private final Clock clock;
  private FailureReader failures;

  UpstreamAttempt(HttpClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Sends the request and delivers the answer.
   *
   * @param upstreamStream whether the upstream answers as a stream
   * @param clientStream whether the client wants one; when only the upstream streams, the stream is
   *     collected into a whole answer
   */
  Outcome run(
      UpstreamRequest prepared,
      boolean upstreamStream,
      boolean clientStream,
      ResponseShape shape,
      FailureReader failures,
      ClientSink sink) {
    this.failures = failures;
    Request request =
        client
            .newRequest(prepared.url())
            .method(HttpMethod.POST)
            .idleTimeout(IDLE_TIMEOUT_MINUTES, TimeUnit.MINUTES)
            .body(new BytesRequestContent(contentType(prepared), prepared.body()));
    request.headers(h -> {
      for (Map.Entry<String, String> e : prepared.headers()) {
        h.put(e.getKey(), e.getValue());
      }
    });
    sink.onHangUp(() -> request.abort(new IOException("client hung up")));
    if (!upstreamStream) {
      return whole(request, shape, sink);
    }
    return clientStream ? stream(request, shape, sink) : collect(request, shape, sink);
  }

  /** A whole answer, buffered by the client and handed over once. */
  private Outcome whole(Request request, ResponseShape shape, ClientSink sink) {
    ContentResponse response;
    try {
      response =
          await(
              request, sink, new CompletableResponseListener(request, MAX_WHOLE_BODY).send()::get);
    } catch (AttemptEnded ended) {
      return ended.outcome;
    }
    byte[] body;
    try {
      body =
          ContentDecoding.decode(
              response.getHeaders().get(HttpHeader.CONTENT_ENCODING),
              response.getContent(),
              MAX_WHOLE_BODY);
    } catch (IOException e) {
      return undecodable(response, e);
    }
    if (!isSuccess(response.getStatus())) {
      return failed(response, Arrays.copyOf(body, Math.min(body.length, MAX_ERROR_BODY)));
    }
    return deliverWhole(body, response.getHeaders().get(HttpHeader.CONTENT_TYPE), shape, sink);
  }

  /** Shapes a whole upstream answer for the client and sends it. */
  private Outcome deliverWhole(
      byte[] body, String contentType, ResponseShape shape, ClientSink sink) {
    byte[] shaped;
    try {
      shaped = shape.body(body);
    } catch (ProxyException e) {
      return new Outcome.Failed(
          new UpstreamFailure(
              502,
              "",
              new byte[0],
              Optional.empty(),
              "upstream answer unreadable: " + e.getMessage()));
    }
    try {
      sink.complete(200, contentType == null ? "application/json" : contentType, shaped, Map.of());
    } catch (IOException clientGone) {
      log.debug("client hung up before the answer was written: {}", clientGone.toString());
    }
    return new Outcome.Delivered(Health.GOOD);
  }

  /** A streamed answer, read event by event as it arrives. */
  private Outcome stream(Request request, ResponseShape shape, ClientSink sink) {
    Opened opened;
    try {
      opened = open(request, sink);
    } catch (AttemptEnded ended) {
      return ended.outcome;
    }
    try (InputStream in = opened.body()) {
      if (!isSuccess(opened.response().getStatus())) {
        return failed(opened.response(), in.readNBytes(MAX_ERROR_BODY));
      }
      return pumpEvents(in, shape, sink, request);
    } catch (IOException e) {
      // only reached while reading an error body or closing
      return sink.hungUp() ? new Outcome.Delivered(Health.UNKNOWN) : connectionFailure(describe(e));
    }
  }

  /** The head of a streamed answer and its body, decoded by its Content-Encoding. */
  private record Opened(Response response, InputStream body) {}

  /**
   * Sends a request whose answer is read as it arrives, and waits for the answer's head.
   *
   * @throws AttemptEnded when the attempt ended before there was a body to read
   */
  private Opened open(Request request, ClientSink sink) throws AttemptEnded {
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request.send(listener);
    Response response = await(request, sink, listener::get);
    try {
      return new Opened(
          response,
          ContentDecoding.decode(
              response.getHeaders().get(HttpHeader.CONTENT_ENCODING), listener.getInputStream()));
    } catch (IOException e) {
      request.abort(e);
      throw new AttemptEnded(
          sink.hungUp() ? new Outcome.Delivered(Health.UNKNOWN) : undecodable(response, e));
    }
  }

  /**
   * A whole answer for the client, collected from an upstream that only streams; a stream that
   * fails or ends before its final event is a failure, since the client has seen nothing yet.
   */
  private Outcome collect(Request request, ResponseShape shape, ClientSink sink) {
    Opened opened;
    try {
      opened = open(request, sink);
    } catch (AttemptEnded ended) {
      return ended.outcome;
    }
    StreamCollector collector = shape.collector();
    try (InputStream in = opened.body()) {
      if (!isSuccess(opened.response().getStatus())) {
        return failed(opened.response(), in.readNBytes(MAX_ERROR_BODY));
      }
      SseEventReader events = new SseEventReader(in, MAX_EVENT_BYTES);
      for (byte[] event = events.next(); event != null; event = events.next()) {
        collector.onEvent(event);
      }
    } catch (IOException e) {
      return sink.hungUp()
          ? new Outcome.Delivered(Health.UNKNOWN)
          : connectionFailure("stream broke before it completed: " + describe(e));
    }
    return switch (collector.result()) {
      case StreamCollector.Result.Complete complete ->
          deliverWhole(complete.body(), "application/json", shape, sink);
      case StreamCollector.Result.Incomplete incomplete ->
          new Outcome.Failed(
              new UpstreamFailure(
                  incomplete.error().status(),
                  "application/json",
                  incomplete.body(),
                  Optional.empty(),
                  incomplete.error().message()));
    };
  }

  /** A blocking wait for an upstream answer, as both Jetty listeners offer it. */
  private interface Wait<T> {
    T get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException;
  }

  /** Ends an attempt early with its outcome, out of {@link #await}. */
  private static final class AttemptEnded extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Outcome outcome;

    AttemptEnded(Outcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  /** Waits for the upstream's answer; a failure, timeout or hang-up ends the attempt. */
  private static <T> T await(Request request, ClientSink sink, Wait<T> wait) throws AttemptEnded {
    try {
      return wait.get(HEADERS_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new AttemptEnded(
          sink.hungUp()
              ? new Outcome.Delivered(Health.UNKNOWN)
              : connectionFailure(describe(e.getCause())));
    } catch (TimeoutException e) {
      request.abort(e);
      throw new AttemptEnded(
          connectionFailure("no answer within " + HEADERS_TIMEOUT_MINUTES + " min"));
    } catch (InterruptedException e) {
      request.abort(e);
      Thread.currentThread().interrupt();
      throw new AttemptEnded(new Outcome.Delivered(Health.UNKNOWN));
    }
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status <= 299;
  }

  /** The failure for a non-2xx answer. */
  private Outcome failed(Response response, byte[] body) {
    int status = response.getStatus();
    if (status == 407) {
      // Our outbound proxy (proxy-url) refused its credentials. Passed on, a 407 would ask the
      // client for its own proxy's credentials; like a SOCKS5 refusal, it is unreachability.
      return connectionFailure("the outbound proxy refused the proxy-url credentials (HTTP 407)");
    }
    String contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
    return new Outcome.Failed(
        new UpstreamFailure(
            status,
            contentType == null ? "" : contentType,
            body,
            failures.read(status, headers(response), body, clock.instant()).rest(),
            "upstream answered " + status));
  }

  /** The failure for an answer whose Content-Encoding cannot be undone. */
  private static Outcome undecodable(Response response, IOException e) {
    return new Outcome.Failed(
        new UpstreamFailure(
            502,
            "",
            new byte[0],
            Optional.empty(),
            "upstream answered " + response.getStatus() + " but " + describe(e)));
  }

  private Outcome pumpEvents(
      InputStream in, ResponseShape shape, ClientSink sink, Request request) {
    SseEventReader events = new SseEventReader(in, MAX_EVENT_BYTES);
    boolean started = false;
    while (true) {
      byte[] event;
      try {
        event = events.next();
      } catch (IOException e) {
        if (sink.hungUp()) {
          return new Outcome.Delivered(Health.UNKNOWN);
        }
        if (!started) {
          return connectionFailure("stream broke before the first event: " + describe(e));
        }
        endWithError(sink, shape, "The upstream stream broke off: " + describe(e));
        return new Outcome.Delivered(Health.BROKEN);
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
        request.abort(clientGone);
        return new Outcome.Delivered(Health.UNKNOWN);
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
      endWithError(sink, shape, "The upstream stream could not be translated: " + e.getMessage());
      return new Outcome.Delivered(Health.BROKEN);
    }
    return new Outcome.Delivered(Health.GOOD);
  }

  private static void endWithError(ClientSink sink, ResponseShape shape, String message) {
    try {
      sink.event(
          shape.errorEvent(
              new ProxyError(
                  502,
                  ProxyError.Kind.UPSTREAM,
                  "upstream_stream_error",
                  message,
                  Optional.empty())));
      sink.end();
    } catch (IOException clientGone) {
      log.debug("client hung up while being told about an upstream failure");
    }
  }

  private static UpstreamHeaders headers(Response response) {
    List<Map.Entry<String, String>> entries = new java.util.ArrayList<>();
    for (org.eclipse.jetty.http.HttpField field : response.getHeaders()) {
      entries.add(Map.entry(field.getName(), field.getValue()));
    }
    return new UpstreamHeaders(entries);
  }

  private static String contentType(UpstreamRequest prepared) {
    return prepared.headers().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
        .map(Map.Entry::getValue)
        .reduce((first, second) -> second)
        .orElse("application/json");
  }

  private static Outcome connectionFailure(String reason) {
    return new Outcome.Failed(new UpstreamFailure(0, "", new byte[0], Optional.empty(), reason));
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "unknown failure";
    }
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
