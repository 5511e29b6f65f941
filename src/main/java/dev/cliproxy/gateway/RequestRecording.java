package dev.cliproxy.gateway;

/** Chooses each request's {@link RequestRecorder} when the gateway takes it. */
@FunctionalInterface
public interface RequestRecording {

  /** Records nothing. */
  RequestRecording NONE = (request, snapshot) -> RequestRecorder.OFF;

  /**
   * The recorder for {@code request}, read from the config of {@code snapshot}, the one the request
   * is answered from.
   */
  RequestRecorder open(ClientRequest request, RuntimeSnapshot snapshot);
}
