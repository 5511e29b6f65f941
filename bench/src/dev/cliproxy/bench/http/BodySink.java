package dev.cliproxy.bench.http;

/** Receives message body bytes as they come off the socket, with the time of the read. */
@FunctionalInterface
public interface BodySink {
  void accept(byte[] bytes, int offset, int length, long arrivalNanos);
}
