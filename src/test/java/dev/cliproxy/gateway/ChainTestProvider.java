package dev.cliproxy.gateway;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import dev.cliproxy.provider.FailureReader;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamBody;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An OpenAI Chat upstream for chain tests: requests go to {@code http://upstream.test/<key>} with
 * the credential's token as a bearer; it offers {@code model-x} (upstream {@code up-x}), reads
 * refusals with the given reader, may edit bodies like a provider's body rules do, and keeps every
 * body it was handed.
 */
final class ChainTestProvider implements Provider {
  private final String key;
  private final List<Credential> credentials;
  private final UpstreamProtocol protocol;
  private final Consumer<UpstreamBody> bodyRules;
  private final boolean counts;
  final List<UpstreamBody> bodies = new ArrayList<>();

  ChainTestProvider(
      String key,
      List<Credential> credentials,
      FailureReader failures,
      Consumer<UpstreamBody> bodyRules,
      boolean counts) {
    this.key = key;
    this.credentials = List.copyOf(credentials);
    this.protocol = UpstreamProtocol.of(new OpenAiChatCodec(), failures);
    this.bodyRules = bodyRules;
    this.counts = counts;
  }

  /**
   * Keys named by their tokens, refusals read as an OpenAI-compatible upstream's, no body rules.
   */
  static ChainTestProvider withKeys(String key, String... tokens) {
    List<Credential> credentials = new ArrayList<>();
    for (String token : tokens) {
      credentials.add(
          new Credential(key + ":" + token, key, key + " " + token, token, Optional.empty()));
    }
    return new ChainTestProvider(
        key,
        credentials,
        dev.cliproxy.provider.openaicompat.OpenAiCompatFailures.INSTANCE,
        body -> {},
        false);
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public List<Credential> credentials() {
    return credentials;
  }

  @Override
  public List<ModelOffer> models() {
    return List.of(new ModelOffer("model-x", "up-x", key));
  }

  @Override
  public UpstreamProtocol protocol() {
    return protocol;
  }

  @Override
  public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
    bodies.add(call.body());
    bodyRules.accept(call.body());
    return new UpstreamRequest(
        URI.create("http://upstream.test/" + key),
        List.of(
            Map.entry("Content-Type", "application/json"),
            Map.entry("Authorization", "Bearer " + credential.token())),
        call.body().bytes());
  }

  @Override
  public Optional<UpstreamRequest> countTokens(Credential credential, UpstreamCall call) {
    if (!counts) {
      return Optional.empty();
    }
    return Optional.of(
        new UpstreamRequest(
            URI.create("http://upstream.test/" + key + "/count"),
            List.of(Map.entry("Authorization", "Bearer " + credential.token())),
            call.body().bytes()));
  }
}
