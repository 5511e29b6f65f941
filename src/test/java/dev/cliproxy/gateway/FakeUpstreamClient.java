package dev.cliproxy.gateway;

import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.provider.UpstreamRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An {@link UpstreamClient} that answers from a script, per credential token, in order, and records
 * what it was sent; strict: a call nobody scripted fails the test.
 */
final class FakeUpstreamClient implements UpstreamClient {

  /** One scripted answer: a status, headers and body, or no answer at all. */
  record Scripted(int status, UpstreamHeaders headers, byte[] body, String unreachable) {
    static Scripted json(int status, String body, String... headers) {
      return new Scripted(
          status,
          UpstreamHeaders.of(withContentType("application/json", headers)),
          body.getBytes(StandardCharsets.UTF_8),
          null);
    }

    static Scripted events(String... events) {
      return new Scripted(
          200,
          UpstreamHeaders.of("Content-Type", "text/event-stream"),
          String.join("", events).getBytes(StandardCharsets.UTF_8),
          null);
    }

    static Scripted noAnswer(String reason) {
      return new Scripted(0, UpstreamHeaders.NONE, new byte[0], reason);
    }

    private static String[] withContentType(String type, String... headers) {
      String[] all = new String[headers.length + 2];
      all[0] = "Content-Type";
      all[1] = type;
      System.arraycopy(headers, 0, all, 2, headers.length);
      return all;
    }
  }

  /** One call as sent. */
  record Sent(UpstreamRequest request, boolean streamed) {
    String authorization() {
      return request.headers().stream()
          .filter(h -> h.getKey().equalsIgnoreCase("Authorization"))
          .map(Map.Entry::getValue)
          .reduce((a, b) -> b)
          .orElse("");
    }

    String body() {
      return new String(request.body(), StandardCharsets.UTF_8);
    }
  }

  private final Map<String, Deque<Scripted>> byToken = new java.util.HashMap<>();
  private final List<Sent> sent = new ArrayList<>();
  private Runnable duringSend = () -> {};

  /** Runs {@code action} inside every send, to look at state while a call is in flight. */
  synchronized FakeUpstreamClient duringSend(Runnable action) {
    duringSend = action;
    return this;
  }

  /** Scripts the next answer to calls with {@code Authorization: Bearer <token>}. */
  synchronized FakeUpstreamClient answer(String token, Scripted answer) {
    byToken.computeIfAbsent(token, k -> new ArrayDeque<>()).add(answer);
    return this;
  }

  synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  @Override
  public synchronized UpstreamAnswer send(Call call, Consumer<Runnable> onCancel)
      throws UpstreamUnreachable {
    Sent one = new Sent(call.request(), call.streamed());
    sent.add(one);
    duringSend.run();
    String token = one.authorization().replaceFirst("^Bearer ", "");
    Deque<Scripted> script = byToken.get(token);
    if (script == null || script.isEmpty()) {
      throw new AssertionError("no answer scripted for token '" + token + "': " + one.body());
    }
    Scripted next = script.poll();
    if (next.unreachable() != null) {
      throw new UpstreamUnreachable(next.unreachable());
    }
    return new UpstreamAnswer() {
      @Override
      public int status() {
        return next.status();
      }

      @Override
      public UpstreamHeaders headers() {
        return next.headers();
      }

      @Override
      public InputStream stream() {
        return new ByteArrayInputStream(next.body());
      }

      @Override
      public byte[] whole(int limit) throws IOException {
        if (next.body().length > limit) {
          throw new IOException("larger than " + limit);
        }
        return next.body();
      }

      @Override
      public void close() {}
    };
  }
}
