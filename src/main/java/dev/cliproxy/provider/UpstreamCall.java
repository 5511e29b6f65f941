package dev.cliproxy.provider;

import dev.cliproxy.dialect.model.Dialect;

/**
 * What a provider needs to build one upstream request.
 *
 * @param body the body in the provider's dialect, model already set to the upstream name; edited in
 *     place by the provider's body rules
 * @param stream whether to ask the upstream for a stream
 * @param upstreamModel the model name the upstream knows
 * @param clientDialect the dialect the client spoke
 * @param passthrough true when {@code body} is the client's own body with only the model changed
 *     (client and upstream speak the same dialect), false when it was translated
 * @param clientHeaders the client's HTTP headers
 */
public record UpstreamCall(
    UpstreamBody body,
    boolean stream,
    String upstreamModel,
    Dialect clientDialect,
    boolean passthrough,
    ClientHeaders clientHeaders) {}
