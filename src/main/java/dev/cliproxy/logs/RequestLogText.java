package dev.cliproxy.logs;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a {@link RequestLogEntry} as the text of its file, every secret masked by a {@link
 * LogScrubber} (those it sees in headers, and {@code secrets}): the client's request, each upstream
 * try (request, answer or failure) and what the client got. Each body is cut at {@code bodyCap}
 * characters, and the file says how much was left out.
 */
final class RequestLogText {
  private final RequestLogEntry entry;
  private final int bodyCap;
  private final LogScrubber scrubber;
  private final StringBuilder out = new StringBuilder(4096);

  private RequestLogText(RequestLogEntry entry, int bodyCap, List<String> secrets) {
    this.entry = entry;
    this.bodyCap = bodyCap;
    this.scrubber = new LogScrubber(secrets);
    for (RequestLogEntry.Try t : entry.tries()) {
      t.headers().forEach(h -> scrubber.learn(h.getKey(), h.getValue()));
    }
    entry
        .client()
        .headers()
        .forEach((name, values) -> values.forEach(v -> scrubber.learn(name, v)));
  }

  /** The file's text. */
  static String render(RequestLogEntry entry, int bodyCap, List<String> secrets) {
    return new RequestLogText(entry, bodyCap, secrets).render();
  }

  private String render() {
    line(
        "=== "
            + (entry.kind() == RequestLogEntry.Kind.ERROR ? "Failed request" : "Request")
            + " "
            + entry.id()
            + " ===");
    line("Started: " + entry.started());
    line("Took: " + entry.took().toMillis() + " ms");
    line("Bodies: each kept up to " + bodyCap + " characters; secrets masked");
    RequestLogEntry.ClientPart client = entry.client();
    line("");
    line("=== Client request ===");
    line(client.method() + " " + scrubber.url(client.path()) + " (" + client.api() + ")");
    line("Client key: " + client.clientKey().orElse("(none required)"));
    line("Headers (those carrying keys or cookies are left out; the query is not logged):");
    client.headers().forEach((name, values) -> values.forEach(v -> header(name, v)));
    body(client.body());
    for (RequestLogEntry.Try t : entry.tries()) {
      line("");
      line("=== Upstream try " + t.number() + " ===");
      if (t.url().isEmpty()) {
        line("(not sent)");
      } else {
        line("POST " + scrubber.url(t.url()));
        line("Headers:");
        t.headers().forEach(h -> header(h.getKey(), h.getValue()));
        body(t.body());
      }
      line("--- Upstream answer ---");
      line("Status: " + (t.status() == 0 ? "(no answer)" : String.valueOf(t.status())));
      if (!t.answerHeaders().isEmpty()) {
        line("Headers:");
        t.answerHeaders().forEach(h -> header(h.getKey(), h.getValue()));
      }
      body(t.answerBody());
      if (!t.failure().isEmpty()) {
        line("Failure: " + scrubber.text(t.failure()));
      }
    }
    RequestLogEntry.Answer answer = entry.answer();
    line("");
    line("=== Client answer ===");
    line(
        "Status: "
            + (answer.status() == 0 ? "(nothing sent)" : String.valueOf(answer.status()))
            + (answer.streamed() ? " (event stream)" : "")
            + (answer.hungUp() ? " (the client hung up)" : ""));
    if (!answer.contentType().isEmpty()) {
      header("Content-Type", answer.contentType());
    }
    answer.headers().forEach(this::header);
    body(answer.body());
    return out.toString();
  }

  private void header(String name, String value) {
    line("  " + name + ": " + scrubber.header(name, value));
  }

  /** A body, masked first and cut after, so that a cut never leaves part of a secret. */
  private void body(BodyCapture.Body body) {
    if (body.bytes().length == 0 && body.dropped() == 0) {
      line("Body: (empty)");
      return;
    }
    line("Body:");
    String text = scrubber.text(new String(body.bytes(), StandardCharsets.UTF_8));
    long dropped = body.dropped();
    if (text.length() > bodyCap) {
      dropped += text.substring(bodyCap).getBytes(StandardCharsets.UTF_8).length;
      text = text.substring(0, bodyCap);
    }
    out.append(text);
    if (!text.endsWith("\n")) {
      out.append('\n');
    }
    if (dropped > 0) {
      line("(" + dropped + " more bytes not kept)");
    }
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
