package dev.cliproxy.logs;

import dev.cliproxy.gateway.RuntimeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One finished request as its log file will tell it, secrets not yet masked: handed from the
 * request's thread to the writer, which renders and masks it ({@link RequestLogText}).
 *
 * @param kind a full request log, or an error log of a failed request
 * @param id the file's id, unique and in time order
 * @param started when the gateway took the request
 * @param took how long it took to answer
 * @param client what the client sent
 * @param tries each upstream try, in order
 * @param answer what the client got
 * @param snapshot the snapshot it was answered from, whose secrets are masked wherever they appear
 * @param settings the settings of the snapshot the request was answered from
 */
record RequestLogEntry(
    Kind kind,
    String id,
    Instant started,
    Duration took,
    ClientPart client,
    List<Try> tries,
    Answer answer,
    RuntimeSnapshot snapshot,
    RequestLogSettings settings) {

  RequestLogEntry {
    tries = List.copyOf(tries);
  }

  /** Which file a request gets. */
  enum Kind {
    REQUEST("request-"),
    ERROR("error-");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** The file name prefix, {@code request-} or {@code error-}. */
    String prefix() {
      return prefix;
    }
  }

  /** The file's name: its kind's prefix, its id and {@code .log}. */
  String fileName() {
    return kind.prefix() + id + ".log";
  }

  /**
   * What the client sent.
   *
   * @param method the HTTP method
   * @param api the client API it came in through
   * @param path the path it was sent to
   * @param clientKey the fingerprint of its client key, if one was required
   * @param headers its headers (the server already left out those that carry keys)
   * @param body its body
   */
  record ClientPart(
      String method,
      String api,
      String path,
      Optional<String> clientKey,
      Map<String, List<String>> headers,
      BodyCapture.Body body) {}

  /**
   * One upstream try.
   *
   * @param number its number, from 1
   * @param url where it went; empty when it was never sent
   * @param headers what it sent
   * @param body the body it sent
   * @param status the upstream's status, 0 when no answer came
   * @param answerHeaders the answer's headers
   * @param answerBody the answer's body as read (or the error body kept for a refusal)
   * @param failure why it failed; empty when it did not
   */
  record Try(
      int number,
      String url,
      List<Map.Entry<String, String>> headers,
      BodyCapture.Body body,
      int status,
      List<Map.Entry<String, String>> answerHeaders,
      BodyCapture.Body answerBody,
      String failure) {}

  /**
   * What the client got.
   *
   * @param status the status sent, 0 when nothing was
   * @param contentType its content type
   * @param headers its extra headers
   * @param streamed whether it was an event stream
   * @param body its body, or the stream's events
   * @param hungUp whether the client hung up
   */
  record Answer(
      int status,
      String contentType,
      Map<String, String> headers,
      boolean streamed,
      BodyCapture.Body body,
      boolean hungUp) {}
}
