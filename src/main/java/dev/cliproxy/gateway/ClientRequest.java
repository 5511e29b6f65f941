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
 * @param reportedModel the model name its answer reports instead of the one served, when the client
 *     asked for another name than {@code model} (a mapping chose the model served); empty when the
 *     answer reports what it always does
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
    Optional<String> clientKey,
    Optional<String> reportedModel) {

  /** A request whose path and client key do not matter (tests, internal calls). */
  public ClientRequest(
      ClientApi api,
      byte[] body,
      RequestHead head,
      Optional<String> model,
      boolean stream,
      ClientHeaders headers,
      RequestTrace trace) {
    this(api, body, head, model, stream, headers, trace, "", Optional.empty(), Optional.empty());
  }

  /** A request whose model and stream flag are in its JSON body (OpenAI, Claude). */
  public static ClientRequest fromBody(
      ClientApi api, byte[] body, RequestHead head, ClientHeaders headers, RequestTrace trace) {
    return new ClientRequest(api, body, head, head.model(), head.stream(), headers, trace);
  }

  /** This request as sent to a path with a client key (fingerprinted by the server). */
  public ClientRequest at(String path, Optional<String> clientKey) {
    return new ClientRequest(
        api, body, head, model, stream, headers, trace, path, clientKey, reportedModel);
  }

  /** This request with answers that report {@code name} as their model, streamed and whole. */
  public ClientRequest reportingModelAs(String name) {
    return new ClientRequest(
        api, body, head, model, stream, headers, trace, path, clientKey, Optional.of(name));
  }
}
