package dev.cliproxy.provider;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.dialect.model.Dialect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One upstream as routing uses it: its credentials, its models, how its wire speaks ({@link
 * UpstreamProtocol}), and how to build a request to it.
 */
public interface Provider {

  /** The provider key, lowercase, e.g. {@code openrouter}. */
  String key();

  /** Credentials to rotate over; never empty (a keyless upstream has one credential). */
  List<Credential> credentials();

  /** The models this provider offers to clients. */
  List<ModelOffer> models();

  /** How its upstream speaks: codec, streaming, tool-name limit, refusals. */
  UpstreamProtocol protocol();

  /** The dialect its upstream speaks. */
  default Dialect dialect() {
    return protocol().codec().dialect();
  }

  /**
   * The upstream HTTP request for one call with one of this provider's credentials. Body rules edit
   * {@code call.body()} (through its tree only where they change something) and the request takes
   * its bytes.
   */
  UpstreamRequest prepare(Credential credential, UpstreamCall call);

  /**
   * The upstream request that counts a call's prompt tokens, for upstreams with a counting
   * endpoint; empty (the default) when the proxy must estimate. {@code call.body()} is the request
   * in this provider's dialect; the answer is read by its codec's {@code decodeTokenCount}.
   */
  default Optional<UpstreamRequest> countTokens(Credential credential, UpstreamCall call) {
    return Optional.empty();
  }

  /**
   * What an answer's headers say about the credential's allowance (usage windows, reset times);
   * empty (the default) for an upstream that says nothing of it.
   */
  default Optional<QuotaSnapshot> quota(UpstreamHeaders headers, Instant now) {
    return Optional.empty();
  }

  /**
   * The question to ask the upstream about a credential's allowance, for upstreams whose answers do
   * not carry it in their headers; empty (the default) for the others.
   */
  default Optional<QuotaProbe> quotaProbe(Credential credential) {
    return Optional.empty();
  }
}
