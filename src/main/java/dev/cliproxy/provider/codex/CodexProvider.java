package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.AuthIndex;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.auth.Secret;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ProviderKey;
import dev.cliproxy.dialect.responses.ResponsesCodec;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Codex backend (the Responses API behind ChatGPT), reached either with the ChatGPT accounts of
 * the auth directory or with one {@code codex-api-key} entry. The backend always streams, so
 * non-stream clients are answered from the collected stream.
 */
public final class CodexProvider implements Provider {
  static final String OWNED_BY = "openai";

  /** The backend refuses function names longer than this. */
  static final int TOOL_NAME_LIMIT = 64;

  private static final UpstreamProtocol PROTOCOL =
      new UpstreamProtocol(
          new ResponsesCodec(), true, OptionalInt.of(TOOL_NAME_LIMIT), CodexFailures.INSTANCE);

  private final URI defaultUrl;
  private final Map<String, String> headers;
  private final List<Credential> credentials;
  private final List<ModelOffer> models;
  private final CodexModels catalog;
  private final Supplier<UUID> sessions;

  private CodexProvider(
      URI defaultUrl,
      Map<String, String> headers,
      List<Credential> credentials,
      List<ModelOffer> models,
      CodexModels catalog,
      Supplier<UUID> sessions) {
    this.defaultUrl = defaultUrl;
    this.headers = Map.copyOf(headers);
    this.credentials = List.copyOf(credentials);
    this.models = List.copyOf(models);
    this.catalog = catalog;
    this.sessions = sessions;
  }

  /**
   * The provider for the ChatGPT accounts of the auth directory, each a credential named by its
   * file; {@code oauth-excluded-models.codex} removes models.
   *
   * @param accounts at least one account
   */
  public static CodexProvider forAccounts(
      Config config, List<Account> accounts, CodexModels catalog, Supplier<UUID> sessions) {
    if (accounts.isEmpty()) {
      throw new IllegalArgumentException("a Codex account provider needs at least one account");
    }
    ModelPatterns excluded = new ModelPatterns(config.oauthExcludedModels(CodexKind.TYPE));
    List<Credential> credentials =
        accounts.stream().map(a -> Credential.forAccount(a, excluded)).toList();
    List<ModelOffer> offers =
        catalog.names().stream()
            .filter(name -> !excluded.matches(name))
            .map(name -> new ModelOffer(name, name, OWNED_BY))
            .toList();
    return new CodexProvider(
        CodexEndpoints.from(config.endpoints()).responses(),
        Map.of(),
        credentials,
        offers,
        catalog,
        sessions);
  }

  /**
   * The provider for one {@code codex-api-key} entry: its {@code base-url} (else {@code
   * endpoints.codex.api}), {@code headers}, {@code proxy-url}, {@code models} with aliases (else
   * the built-in list) and {@code excluded-models}.
   */
  public static CodexProvider forApiKey(
      Config config,
      ProviderKey key,
      CredentialIds ids,
      CodexModels catalog,
      Supplier<UUID> sessions) {
    String base = key.baseUrl().orElse(CodexEndpoints.from(config.endpoints()).api());
    ModelPatterns excluded = new ModelPatterns(key.excludedModels());
    Credential credential =
        new Credential(
            ids.next(
                CodexKind.TYPE,
                key.apiKey(),
                base,
                key.proxyUrl().map(Object::toString).orElse("")),
            CodexKind.TYPE,
            "codex-api-key " + key.baseUrl().map(u -> "for " + u).orElse("(default URL)"),
            Secret.key(key.apiKey()),
            key.proxyUrl(),
            excluded,
            key.credentialGroup(),
            AuthIndex.forApiKey("codex-api-key", key.baseUrl().orElse(""), key.apiKey()));
    List<ModelOffer> offers =
        (key.models().isEmpty()
                ? catalog.names().stream().map(n -> new ModelOffer(n, n, OWNED_BY))
                : key.models().stream()
                    .map(m -> new ModelOffer(m.clientName(), m.name(), OWNED_BY)))
            .filter(o -> !excluded.matches(o.clientName()) && !excluded.matches(o.upstreamName()))
            .toList();
    return new CodexProvider(
        CodexEndpoints.responses(base),
        key.headers(),
        List.of(credential),
        offers,
        catalog,
        sessions);
  }

  /** The backend answers only as a stream and refuses function names over 64 characters. */
  @Override
  public UpstreamProtocol protocol() {
    return PROTOCOL;
  }

  @Override
  public String key() {
    return CodexKind.TYPE;
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
  public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
    ObjectNode body = call.body().tree();
    String session = CodexSession.id(call.clientHeaders(), body, sessions);
    CodexRequestRules.apply(body, catalog.resolve(call.upstreamModel()), session);
    Optional<Account> account = credential.account();
    URI url =
        account.flatMap(a -> a.file().baseUrl()).map(CodexEndpoints::responses).orElse(defaultUrl);
    return new UpstreamRequest(
        url,
        CodexHeaders.of(
            credential.token(),
            account.flatMap(a -> CodexAccountFile.accountId(a.file())),
            session,
            call.clientHeaders(),
            headers),
        call.body().bytes());
  }

  @Override
  public Optional<QuotaSnapshot> quota(UpstreamHeaders headers, Instant now) {
    return CodexQuota.read(headers, now);
  }
}
