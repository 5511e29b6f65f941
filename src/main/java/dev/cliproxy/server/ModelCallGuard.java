package dev.cliproxy.server;

import dev.cliproxy.gateway.ClientApi;
import dev.cliproxy.provider.ClientHeaders;
import java.io.IOException;
import java.util.Optional;

/**
 * Decides about a model call once its body and model are known and before the gateway serves it: a
 * module that mounts the model routes under its own prefix (Amp's provider aliases) may serve it
 * with another model, or answer it itself (relay it to another server).
 */
@FunctionalInterface
public interface ModelCallGuard {
  /** Every call served as asked: the proxy API's own routes. */
  ModelCallGuard NONE = (exchange, call) -> new Verdict.Serve(call.model(), call.headers());

  /**
   * Decides one call. The exchange's body has been read ({@link Exchange#body()} returns it).
   *
   * @throws IOException when the client is gone while the guard answered it
   */
  Verdict decide(Exchange exchange, ModelCall call) throws IOException;

  /**
   * A model call about to be served.
   *
   * @param api the client API it came in through
   * @param model the model the client asked for (in the body, or the path for Gemini)
   * @param headers the client's headers as providers would see them
   */
  record ModelCall(ClientApi api, Optional<String> model, ClientHeaders headers) {}

  /** What becomes of a call. */
  sealed interface Verdict {
    /**
     * Served here. A model other than the one asked for is served in its place (the body's or the
     * path's model replaced), and its answers report the model asked for.
     *
     * @param model the model to serve; empty when the client named none (the gateway says so)
     * @param headers the headers providers see
     */
    record Serve(Optional<String> model, ClientHeaders headers) implements Verdict {}

    /** The guard answered the exchange itself. */
    record Answered() implements Verdict {}
  }
}
