package dev.cliproxy.gateway;

import dev.cliproxy.dialect.RequestHead;

/**
 * A client request the server has accepted: authenticated, body read and checked.
 *
 * @param api the API it came in through
 * @param body the body as received
 * @param head its routing fields
 * @param trace where the gateway notes what it did
 */
public record ClientRequest(ClientApi api, byte[] body, RequestHead head, RequestTrace trace) {}
