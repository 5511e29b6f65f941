package dev.cliproxy.gateway;

import dev.cliproxy.dialect.RequestHead;
import java.util.Optional;

/**
 * A client request the server has accepted: authenticated, body read and checked.
 *
 * @param api the API it came in through
 * @param body the body as received
 * @param head its top-level fields, read from the body
 * @param model the model asked for: from the body, or from the path for Gemini
 * @param stream whether the answer is streamed: from the body, or from the path for Gemini
 * @param trace where the gateway notes what it did
 */
public record ClientRequest(
    ClientApi api,
    byte[] body,
    RequestHead head,
    Optional<String> model,
    boolean stream,
    RequestTrace trace) {

  /** A request whose model and stream flag are in its JSON body (OpenAI, Claude). */
  public static ClientRequest fromBody(
      ClientApi api, byte[] body, RequestHead head, RequestTrace trace) {
    return new ClientRequest(api, body, head, head.model(), head.stream(), trace);
  }
}
