package dev.cliproxy.provider.vertex;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import dev.cliproxy.provider.google.GeminiApiFailures;
import dev.cliproxy.provider.google.GeminiModels;
import dev.cliproxy.provider.google.GeminiModelsApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vertex AI with imported service accounts: {@code <host>/v1/projects/P/locations/L/publishers/
 * google/models/M:generateContent} and its siblings, with a bearer token minted from the account's
 * key ({@link VertexTokens}). Serves {@link GeminiModels#API} but those {@code
 * oauth-excluded-models.vertex} names.
 */
final class VertexProvider implements Provider {
  static final String KEY = "vertex";

  private static final UpstreamProtocol PROTOCOL =
      UpstreamProtocol.of(new GeminiCodec(), GeminiApiFailures.INSTANCE);

  private final List<Credential> credentials;
  private final List<ModelOffer> models;
  private final VertexEndpoints endpoints;
  private final VertexTokens tokens;

  VertexProvider(
      List<Account> accounts,
      ModelPatterns excluded,
      VertexEndpoints endpoints,
      VertexTokens tokens) {
    this.credentials =
        accounts.stream().map(account -> Credential.forAccount(account, excluded)).toList();
    this.models =
        GeminiModels.offers(
            GeminiModels.API.stream().filter(name -> !excluded.matches(name)).toList(), "google");
    this.endpoints = endpoints;
    this.tokens = tokens;
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public List<Credential> credentials() {
    return credentials;
  }

  @Override
  public List<ModelOffer> models() {
    return models;
  }

  @Override
  public UpstreamProtocol protocol() {
    return PROTOCOL;
  }

  @Override
  public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
    return api(credential).generate(call);
  }

  @Override
  public Optional<UpstreamRequest> countTokens(Credential credential, UpstreamCall call) {
    return Optional.of(api(credential).countTokens(call));
  }

  private GeminiModelsApi api(Credential credential) {
    Account account =
        credential
            .account()
            .orElseThrow(() -> new IllegalStateException(credential + " is not a Vertex account"));
    VertexTokens.Issued issued = tokens.issue(account);
    return new GeminiModelsApi(
        endpoints.modelsUrl(issued.account()),
        Map.entry("Authorization", "Bearer " + issued.accessToken()),
        Map.of(),
        GeminiModelsApi.CountShape.FLAT);
  }

  @Override
  public String toString() {
    return "VertexProvider[" + credentials.size() + " accounts]";
  }
}
