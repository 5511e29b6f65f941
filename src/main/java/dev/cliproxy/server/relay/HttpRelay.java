package dev.cliproxy.server.relay;

import dev.cliproxy.server.Exchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentSourceRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reverse proxy for one HTTP request: sends it to the upstream a {@link RelayRequest} names and
 * passes the answer back as it comes (status, headers, body), with the bytes as the upstream sent
 * them. Hop-by-hop headers stay on their hop in both directions; the client's {@code
 * X-Forwarded-For} gets the TCP peer appended; nothing the client did not send is added (no user
 * agent, no {@code Accept-Encoding}, no CORS). One repair: a body that is gzip without a {@code
 * Content-Encoding} ({@link UndeclaredGzip}) is sent unpacked, whatever the status.
 *
 * <p>An upstream that cannot be reached gets the client a 502 with the request's {@code
 * unreachableBody}; a client that hangs up cancels the upstream request, quietly.
 */
public final class HttpRelay {
  private static final Logger log = LoggerFactory.getLogger(HttpRelay.class);
  private static final long IDLE_TIMEOUT_MINUTES = 10;
  private static final long HEAD_TIMEOUT_MINUTES = 30;

  private final HttpClient client;

  /**
   * A relay sending through {@code client} (its connect timeout, proxy, TLS and pool). The relay
   * sets every request's headers itself, keeps redirects and the body's encoding to the client and
   * stores no cookies, whatever the client's defaults.
   *
   * @throws IllegalArgumentException when the client would take 401 answers over ({@link
   *     PassThroughClient})
   */
  public HttpRelay(HttpClient client) {
    this.client = PassThroughClient.require(Objects.requireNonNull(client, "client"));
  }

  /**
   * Relays the exchange and writes the upstream's answer, or a 502, to its response.
   *
   * @throws IOException when the client hung up (the upstream request is cancelled)
   * @throws dev.cliproxy.dialect.ProxyException when the upstream broke off an answer already half
   *     sent (the server then cuts the connection)
   */
  public void relay(Exchange exchange, RelayRequest relay) throws IOException {
    URI target = relay.target();
    Request upstream =
        client
            .newRequest(target)
            .method(exchange.method())
            .followRedirects(false)
            .idleTimeout(IDLE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    upstream.headers(h -> {
      h.clear(); // the client's default user agent and Accept-Encoding
      for (HttpField field : OutgoingHeaders.of(exchange, relay, java.util.Set.of())) {
        h.add(field);
      }
    });
    boolean streamed = attachBody(exchange, relay, upstream);
    AtomicBoolean bodySent = new AtomicBoolean(!streamed);
    upstream.onRequestSuccess(r -> bodySent.set(true));
    UpstreamHead head = new UpstreamHead();
    upstream.onResponseHeader(head);
    exchange.sink().onHangUp(() -> upstream.abort(new EofException("client hung up")));
    if (!streamed) {
      exchange.watchForHangUp();
    }
    InputStreamResponseListener answer = new InputStreamResponseListener();
    upstream.send(answer);
    try (answer) {
      Response response = awaitHead(exchange, relay, upstream, answer);
      if (response == null) {
        return;
      }
      if (streamed && bodySent.get()) {
        exchange.watchForHangUp();
      }
      new AnswerCopy(exchange, relay, upstream, response.getStatus(), head).copy(answer);
    }
  }

  /** Gives the upstream request its body; true when it streams the client's. */
  private static boolean attachBody(Exchange exchange, RelayRequest relay, Request upstream) {
    String contentType = exchange.header("Content-Type");
    if (relay.body().isPresent()) {
      byte[] body = relay.body().get();
      if (body.length > 0) {
        upstream.body(new BytesRequestContent(contentType, body));
      }
      return false;
    }
    long length = exchange.request().getLength();
    boolean chunked = exchange.request().getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (length > 0 || (length < 0 && chunked)) {
      upstream.body(new ContentSourceRequestContent(exchange.request(), contentType));
      return true;
    }
    return false;
  }

  /** The answer's head, or null when the client got a 502 instead. */
  private static Response awaitHead(
      Exchange exchange, RelayRequest relay, Request upstream, InputStreamResponseListener answer)
      throws IOException {
    try {
      return answer.get(HEAD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (exchange.sink().hungUp()) {
        throw new EofException("client hung up");
      }
      unreachable(exchange, relay, e.getCause());
      return null;
    } catch (TimeoutException e) {
      upstream.abort(e);
      unreachable(
          exchange, relay, new IOException("no answer within " + HEAD_TIMEOUT_MINUTES + " min"));
      return null;
    } catch (InterruptedException e) {
      upstream.abort(e);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the upstream");
    }
  }

  /** Answers 502 with the request's body, and logs the request line (never its headers). */
  static void unreachable(Exchange exchange, RelayRequest relay, Throwable cause)
      throws IOException {
    log.warn(
        "{} {}: the upstream {} cannot be reached: {}",
        exchange.method(),
        exchange.path(),
        relay.upstream().getHost(),
        describe(cause));
    exchange.sink().complete(502, "application/json", relay.unreachableBody(), Map.of());
  }

  static String describe(Throwable cause) {
    if (cause == null) {
      return "unknown failure";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
