package dev.cliproxy.gateway;

import dev.cliproxy.config.ProxyUrl;
import dev.cliproxy.provider.UpstreamRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends prepared upstream requests and hands back their answers: the one place the gateway meets
 * HTTP, so the request chain can be tested against a fake.
 */
public interface UpstreamClient {

  /**
   * One POST to send.
   *
   * @param request the prepared request
   * @param proxy the outbound proxy to go through; empty for a direct connection
   * @param streamed whether the answer is read as it arrives ({@link UpstreamAnswer#stream()}) or
   *     whole ({@link UpstreamAnswer#whole(int)})
   * @param timeout a limit on the whole call (a token count); empty for model calls, which may
   *     think for many minutes before they answer
   */
  record Call(
      UpstreamRequest request,
      Optional<ProxyUrl> proxy,
      boolean streamed,
      Optional<Duration> timeout) {}

  /**
   * Sends a POST and waits for the answer's head (status and headers).
   *
   * @param onCancel receives an action that aborts the call; the caller runs it when the client
   *     hangs up, before or after the head arrived
   * @throws UpstreamUnreachable when no answer came: connection refused or reset, TLS, proxy,
   *     timeout
   */
  UpstreamAnswer send(Call call, Consumer<Runnable> onCancel)
      throws UpstreamUnreachable, InterruptedException;

  /** No answer came from the upstream. */
  final class UpstreamUnreachable extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason a short description for logs and for the client's error message
     */
    public UpstreamUnreachable(String reason) {
      super(reason, null, false, false);
    }
  }
}
