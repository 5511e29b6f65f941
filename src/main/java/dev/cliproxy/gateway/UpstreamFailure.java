package dev.cliproxy.gateway;

import java.time.Duration;
import java.util.Optional;

/**
 * An upstream attempt that failed before anything reached the client.
 *
 * @param status the upstream's HTTP status, or 0 when no answer came (connection failure)
 * @param contentType the upstream's content type, empty if none
 * @param body the upstream's error body (bounded), empty for connection failures
 * @param retryAfter how long the credential should rest, as the upstream said ({@link ResetHint})
 * @param reason a short description for logs and for synthesised error messages
 */
record UpstreamFailure(
    int status, String contentType, byte[] body, Optional<Duration> retryAfter, String reason) {}
