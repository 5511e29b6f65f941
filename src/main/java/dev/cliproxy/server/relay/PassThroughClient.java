package dev.cliproxy.server.relay;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpResponse;

/**
 * The one thing a relay cannot switch off per request on Jetty's HTTP client: a protocol handler
 * that takes 401 answers over (it buffers them, and fails those without {@code WWW-Authenticate}).
 * A relay passes every answer through, so it refuses a client that has one.
 */
final class PassThroughClient {
  private PassThroughClient() {}

  /**
   * Returns {@code client} when it is started and hands 401 answers to its caller.
   *
   * @throws IllegalArgumentException when it is not started or a protocol handler would take 401
   *     answers over
   */
  static HttpClient require(HttpClient client) {
    if (!client.isStarted()) {
      // Jetty adds its protocol handlers when the client starts
      throw new IllegalArgumentException("a relay needs a started HTTP client");
    }
    Request probe = client.newRequest("http://127.0.0.1/");
    if (client.getProtocolHandlers().find(probe, new HttpResponse(probe).status(401)) != null) {
      throw new IllegalArgumentException(
          "a relay passes 401 answers through: remove the client's WWW-Authenticate handler"
              + " (client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME)),"
              + " as gateway.UpstreamClients does");
    }
    return client;
  }
}
