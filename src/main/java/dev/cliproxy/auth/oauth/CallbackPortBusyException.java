package dev.cliproxy.auth.oauth;

import java.io.IOException;

/** The loopback port for the OAuth redirect is held by another process. */
public final class CallbackPortBusyException extends IOException {
  private final int port;

  public CallbackPortBusyException(int port, Throwable cause) {
    super(
        "Port "
            + port
            + " on 127.0.0.1 is already in use, so the login cannot receive the browser's redirect."
            + " Free the port (see what holds it with `ss -ltnp | grep :"
            + port
            + "`) or run the login with --no-browser and paste the redirect address instead.",
        cause);
    this.port = port;
  }

  /** The port that could not be bound. */
  public int port() {
    return port;
  }
}
