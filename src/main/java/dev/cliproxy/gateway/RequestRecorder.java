package dev.cliproxy.gateway;

import dev.cliproxy.provider.UpstreamRequest;

/**
 * What one request's log hears as the request passes through the gateway: the client's answer (by
 * the sink it writes to), each prepared upstream request, each upstream answer and each failed try.
 * {@link #OFF} hears nothing and costs nothing; a recorder is chosen per request by the gateway's
 * {@link RequestRecording}. Every method runs on the request's thread and must be quick: disk work
 * belongs elsewhere.
 */
public interface RequestRecorder {

  /** Hears nothing: the sink and answers pass as they are. */
  RequestRecorder OFF = new RequestRecorder() {};

  /** The sink the client's answer is written to: {@code sink} itself, or one that notes it. */
  default ClientSink watch(ClientSink sink) {
    return sink;
  }

  /**
   * Try {@code attempt} is about to be sent as {@code request}.
   *
   * @param attempt the try's number, from 1
   */
  default void sent(int attempt, UpstreamRequest request) {}

  /**
   * The answer to try {@code attempt}, as it is read: {@code answer} itself, or one that notes it.
   */
  default UpstreamAnswer answered(int attempt, UpstreamAnswer answer) {
    return answer;
  }

  /**
   * Try {@code attempt} failed: refused, unreachable, unreadable, or its stream broke off.
   *
   * @param status the upstream's status, 0 when no answer came
   * @param body the upstream's error body (bounded), empty when none
   * @param reason what went wrong, for the log
   */
  default void failed(int attempt, int status, byte[] body, String reason) {}

  /** The request is answered (or the client left); nothing more is heard. */
  default void finished() {}
}
