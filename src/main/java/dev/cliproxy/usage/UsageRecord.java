package dev.cliproxy.usage;

import dev.cliproxy.dialect.model.Usage;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One answered (or failed) client request as the usage store keeps it.
 *
 * @param id its identity: unique per request, kept by export and import so that importing the same
 *     export twice adds nothing
 * @param at when the gateway accepted it
 * @param client what the figures are grouped by: the client key's fingerprint ({@code key-} and 12
 *     hex digits, never the key), or {@code METHOD /path} when the proxy asks for no key
 * @param api the client API it came in through, e.g. {@code CLAUDE_MESSAGES}; empty if unknown
 * @param provider the provider key that served (or last tried) it; empty when none was tried
 * @param credential the credential id that served (or last tried) it; empty when none was tried
 * @param model the model the client asked for, {@code unknown} when it named none
 * @param upstreamModel the model name sent upstream; empty when none was tried
 * @param status the HTTP status the client got (499 when it hung up first)
 * @param stream whether the client asked for a stream
 * @param latencyMs from acceptance to the last byte (or the error, or the hang-up)
 * @param firstByteMs from sending upstream to the answer's head, for the try that answered
 * @param tokens the token counts the upstream reported ({@link Usage#NONE} when none)
 * @param totalTokens the total, {@link Usage#totalTokens()} for recorded requests; imported records
 *     keep the total they came with
 * @param failed whether the request failed (an error, a broken stream or a hang-up)
 * @param authIndex the {@link dev.cliproxy.auth.AuthIndex} of that credential, as dashboards key
 *     it; empty when none was tried, or for records written before it was kept
 */
public record UsageRecord(
    String id,
    Instant at,
    String client,
    String api,
    String provider,
    String credential,
    String model,
    String upstreamModel,
    int status,
    boolean stream,
    long latencyMs,
    OptionalLong firstByteMs,
    Usage tokens,
    long totalTokens,
    boolean failed,
    String authIndex) {

  /** The model name of a request that named none, as CLIProxyAPI reports it. */
  public static final String UNKNOWN_MODEL = "unknown";

  public UsageRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(upstreamModel, "upstreamModel");
    Objects.requireNonNull(firstByteMs, "firstByteMs");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(authIndex, "authIndex");
  }
}
