package dev.cliproxy.management;

import java.time.Instant;
import java.util.Optional;

/**
 * One login started from the web UI: its OAuth state (the key the UI polls with), its provider
 * word, where it stands, and the input its pasted redirect address goes to.
 */
final class WebLogin {
  /** Where a login stands. */
  enum Status {
    WAIT,
    OK,
    ERROR
  }

  private final String provider;
  private final Instant started;
  private volatile String state = "";
  private final LinesInput input = new LinesInput();
  private volatile Status status = Status.WAIT;
  private volatile String error = "";
  private volatile Instant finished;
  private volatile Thread runner;

  WebLogin(String provider, Instant started) {
    this.provider = provider;
    this.started = started;
  }

  /** Names the login by its OAuth state, once its sign-in URL is known. */
  void name(String oauthState) {
    this.state = oauthState;
  }

  String provider() {
    return provider;
  }

  String state() {
    return state;
  }

  Instant started() {
    return started;
  }

  Status status() {
    return status;
  }

  String error() {
    return error;
  }

  Optional<Instant> finished() {
    return Optional.ofNullable(finished);
  }

  LinesInput input() {
    return input;
  }

  void runsOn(Thread thread) {
    runner = thread;
  }

  void succeeded(Instant at) {
    finish(Status.OK, "", at);
  }

  void failed(String message, Instant at) {
    finish(Status.ERROR, message, at);
  }

  /** Stops the login: its thread is interrupted and its input ends. */
  void cancel(Instant at) {
    if (status == Status.WAIT) {
      failed("the login was cancelled", at);
    }
    Thread thread = runner;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private synchronized void finish(Status to, String message, Instant at) {
    if (status != Status.WAIT) {
      return;
    }
    error = message;
    finished = at;
    status = to;
    input.close();
  }
}
