package dev.cliproxy.gateway;

import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.provider.UpstreamRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The {@link UpstreamClient} on Jetty's HTTP client, one per outbound route ({@link
 * UpstreamClients}): whole answers are buffered by Jetty and handed over once, streamed ones read
 * as they arrive; both are decoded from their Content-Encoding ({@link ContentDecoding}).
 */
public final class JettyUpstreamClient implements UpstreamClient {
  private static final int MAX_WHOLE_BODY = 512 << 20;
  private static final long HEADERS_TIMEOUT_MINUTES = 30;
  private static final long IDLE_TIMEOUT_MINUTES = 10;

  private final UpstreamClients clients;

  public JettyUpstreamClient(UpstreamClients clients) {
    this.clients = clients;
  }

  @Override
  public UpstreamAnswer send(Call call, Consumer<Runnable> onCancel)
      throws UpstreamUnreachable, InterruptedException {
    UpstreamRequest prepared = call.request();
    Request request =
        clients
            .forProxy(call.proxy())
            .newRequest(prepared.url())
            .method(HttpMethod.POST)
            .idleTimeout(IDLE_TIMEOUT_MINUTES, TimeUnit.MINUTES)
            .body(new BytesRequestContent(contentType(prepared), prepared.body()));
    request.headers(h -> {
      for (Map.Entry<String, String> e : prepared.headers()) {
        h.put(e.getKey(), e.getValue());
      }
    });
    call.timeout().ifPresent(t -> request.timeout(t.toMillis(), TimeUnit.MILLISECONDS));
    onCancel.accept(() -> request.abort(new IOException("client hung up")));
    if (call.streamed()) {
      InputStreamResponseListener listener = new InputStreamResponseListener();
      request.send(listener);
      Response response = await(request, listener::get);
      return new Streamed(request, response, listener);
    }
    ContentResponse response =
        await(request, new CompletableResponseListener(request, MAX_WHOLE_BODY).send()::get);
    return new Buffered(response);
  }

  /** A blocking wait for the answer's head, as both Jetty listeners offer it. */
  private interface Wait<T> {
    T get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException;
  }

  private static <T> T await(Request request, Wait<T> wait)
      throws UpstreamUnreachable, InterruptedException {
    try {
      return wait.get(HEADERS_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new UpstreamUnreachable(describe(e.getCause()));
    } catch (TimeoutException e) {
      request.abort(e);
      throw new UpstreamUnreachable("no answer within " + HEADERS_TIMEOUT_MINUTES + " min");
    } catch (InterruptedException e) {
      request.abort(e);
      throw e;
    }
  }

  private static UpstreamHeaders headers(Response response) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(response.getHeaders().size());
    for (HttpField field : response.getHeaders()) {
      entries.add(Map.entry(field.getName(), field.getValue()));
    }
    return new UpstreamHeaders(entries);
  }

  /** An answer Jetty buffered whole. */
  private record Buffered(ContentResponse response) implements UpstreamAnswer {
    @Override
    public int status() {
      return response.getStatus();
    }

    @Override
    public UpstreamHeaders headers() {
      return JettyUpstreamClient.headers(response);
    }

    @Override
    public InputStream stream() throws IOException {
      return ContentDecoding.decode(
          response.getHeaders().get(HttpHeader.CONTENT_ENCODING),
          new java.io.ByteArrayInputStream(response.getContent()));
    }

    @Override
    public byte[] whole(int limit) throws IOException {
      return ContentDecoding.decode(
          response.getHeaders().get(HttpHeader.CONTENT_ENCODING), response.getContent(), limit);
    }

    @Override
    public void close() {}
  }

  /** An answer read as it arrives. */
  private static final class Streamed implements UpstreamAnswer {
    private final Request request;
    private final Response response;
    private final InputStreamResponseListener listener;
    private InputStream body;

    Streamed(Request request, Response response, InputStreamResponseListener listener) {
      this.request = request;
      this.response = response;
      this.listener = listener;
    }

    @Override
    public int status() {
      return response.getStatus();
    }

    @Override
    public UpstreamHeaders headers() {
      return JettyUpstreamClient.headers(response);
    }

    @Override
    public InputStream stream() throws IOException {
      if (body == null) {
        try {
          body =
              ContentDecoding.decode(
                  response.getHeaders().get(HttpHeader.CONTENT_ENCODING),
                  listener.getInputStream());
        } catch (IOException e) {
          request.abort(e);
          throw e;
        }
      }
      return body;
    }

    @Override
    public byte[] whole(int limit) throws IOException {
      InputStream in = stream();
      byte[] out = in.readNBytes(limit);
      if (out.length == limit && in.read() >= 0) {
        throw new IOException("the decoded answer is larger than " + limit + " bytes");
      }
      return out;
    }

    @Override
    public void close() {
      try {
        (body != null ? body : listener.getInputStream()).close();
      } catch (IOException ignored) {
        // closing drops what is left; nothing to report
      }
    }
  }

  private static String contentType(UpstreamRequest prepared) {
    String type = "application/json";
    for (Map.Entry<String, String> header : prepared.headers()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        type = header.getValue();
      }
    }
    return type;
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "unknown failure";
    }
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
