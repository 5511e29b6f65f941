package dev.cliproxy.provider;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.dialect.model.Dialect;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One upstream kind as routing uses it: its credentials, its models, and how to call it. */
public interface Provider {

  /** The dialect its upstream speaks. */
  Dialect dialect();

  /** The provider key, lowercase, e.g. {@code openrouter}. */
  String key();

  /** Credentials to rotate over; never empty (a keyless upstream has one credential). */
  List<Credential> credentials();

  /** The models this provider offers to clients. */
  List<ModelOffer> models();

  /**
   * Whether to ask the upstream for a stream: by default when the client asked for one. An upstream
   * that only streams (Codex) says true always; the gateway then collects the stream into a whole
   * answer for a client that wants one.
   */
  default boolean streamsUpstream(boolean clientStream) {
    return clientStream;
  }

  /**
   * The longest tool name the upstream accepts, when it limits them (the Codex backend: 64); longer
   * names are shortened on the way there and restored in its answers. Empty (the default): no
   * limit.
   */
  default OptionalInt toolNameLimit() {
    return OptionalInt.empty();
  }

  /** The upstream HTTP request for one call with one of this provider's credentials. */
  UpstreamRequest prepare(Credential credential, UpstreamCall call);

  /**
   * The upstream request that counts a call's prompt tokens, for upstreams with a counting
   * endpoint; empty (the default) when the proxy must estimate. {@code call.body()} is the request
   * in this provider's dialect; the answer is read as that dialect's count.
   */
  default Optional<UpstreamRequest> countTokens(Credential credential, UpstreamCall call) {
    return Optional.empty();
  }
}
