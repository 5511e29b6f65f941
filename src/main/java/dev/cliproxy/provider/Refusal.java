package dev.cliproxy.provider;

import java.time.Instant;

/**
 * An upstream's refusal (a non-2xx answer) as a {@link FailureReader} sees it.
 *
 * @param status the upstream's HTTP status (never 2xx)
 * @param headers the answer's headers
 * @param body the error body (bounded), possibly empty
 * @param now the time the answer arrived
 * @param apiKey true when the refused credential is an API key from the config, false for an OAuth
 *     account (whose refused token the gateway refreshes) or a credential with no key
 */
public record Refusal(
    int status, UpstreamHeaders headers, byte[] body, Instant now, boolean apiKey) {}
