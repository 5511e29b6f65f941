package dev.cliproxy.gateway;

import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.provider.ClientHeaders;
import java.util.Optional;

/**
 * A client request the server has accepted: authenticated, body read and checked.
 *
 * @param api the API it came in through
 * @param body the body as received
 * @param head its top-level fields, read from the body
 * @param model the model asked for: from the body, or from the path for Gemini
 * @param stream whether the answer is streamed: from the body, or from the path for Gemini
 * @param headers the client's HTTP headers
 * @param trace where the gateway notes what it did
 * @param path the path it was sent to, for listeners and logs
 * @param clientKey a fingerprint of the client key it presented, empty when none was required
 */
public record ClientRequest(
    ClientApi api,
    byte[] body,
    RequestHead head,
    Optional<String> model,
    boolean stream,
    ClientHeaders headers,
    RequestTrace trace,
    String path,
    Optional<String> clientKey) {

  /** A request whose path and client key do not matter (tests, internal calls). */
  public ClientRequest(
      ClientApi api,
      byte[] body,
      RequestHead head,
      Optional<String> model,
      boolean stream,
      ClientHeaders headers,
      RequestTrace trace) {
    this(api, body, head, model, stream, headers, trace, "", Optional.empty());
  }

  /** A request whose model and stream flag are in its JSON body (OpenAI, Claude). */
  public static ClientRequest fromBody(
      ClientApi api, byte[] body, RequestHead head, ClientHeaders headers, RequestTrace trace) {
    return new ClientRequest(api, body, head, head.model(), head.stream(), headers, trace);
  }

  /** This request as sent to a path with a client key (fingerprinted by the server). */
  public ClientRequest at(String path, Optional<String> clientKey) {
    return new ClientRequest(api, body, head, model, stream, headers, trace, path, clientKey);
  }
}
