package dev.cliproxy.provider.claude;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.AuthIndex;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.auth.Secret;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ProviderKey;
import dev.cliproxy.config.ProxyUrl;
import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.dialect.claude.ClaudeCodec;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamHeaders;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Claude Messages API, with subscription (OAuth) accounts from the auth directory or with one
 * {@code claude-api-key} entry. Claude Code's own requests pass through as they are (only the model
 * changes); every other request gets the rules a subscription needs (see {@link ClaudeRequestBody}
 * and {@link ClaudeHeaders}).
 */
public final class ClaudeProvider implements Provider {
  /** The provider key, as in auth file {@code type} and {@code oauth-excluded-models}. */
  public static final String KEY = "claude";

  private static final String ANTHROPIC_HOST = "api.anthropic.com";
  private static final UpstreamProtocol PROTOCOL =
      UpstreamProtocol.of(new ClaudeCodec(), ClaudeFailures.INSTANCE);

  private final boolean oauth;
  private final String defaultBase;
  private final Map<String, String> baseById;
  private final ClaudeHeaders.Auth keyAuth;
  private final Map<String, String> extraHeaders;
  private final List<Credential> credentials;
  private final List<ModelOffer> models;
  private final ClaudeModels catalog;

  private ClaudeProvider(
      boolean oauth,
      String defaultBase,
      Map<String, String> baseById,
      ClaudeHeaders.Auth keyAuth,
      Map<String, String> extraHeaders,
      List<Credential> credentials,
      List<ModelOffer> models,
      ClaudeModels catalog) {
    this.oauth = oauth;
    this.defaultBase = defaultBase;
    this.baseById = Map.copyOf(baseById);
    this.keyAuth = keyAuth;
    this.extraHeaders = Map.copyOf(extraHeaders);
    this.credentials = List.copyOf(credentials);
    this.models = List.copyOf(models);
    this.catalog = catalog;
  }

  /**
   * The provider for the subscription accounts: every built-in model but those {@code
   * oauth-excluded-models.claude} names. An account file's {@code base_url} and {@code proxy_url}
   * apply to that account only.
   */
  public static ClaudeProvider forAccounts(
      Config config, List<Account> accounts, ClaudeModels catalog) {
    ModelPatterns excluded = new ModelPatterns(config.oauthExcludedModels(KEY));
    List<Credential> credentials = new ArrayList<>();
    Map<String, String> bases = new HashMap<>();
    for (Account account : accounts) {
      credentials.add(Credential.forAccount(account, excluded));
      account.file().baseUrl().ifPresent(base -> bases.put(account.id(), base));
    }
    return new ClaudeProvider(
        true,
        ClaudeEndpoints.of(config.endpoints()).api(),
        bases,
        ClaudeHeaders.Auth.BEARER,
        Map.of(),
        credentials,
        offers(catalog.names().stream().map(n -> new String[] {n, n}).toList(), excluded, catalog),
        catalog);
  }

  /**
   * The provider for one {@code claude-api-key} entry: its base URL (else the configured Claude
   * API), headers, proxy, models with aliases (else every built-in model) and excluded models.
   *
   * @param ids numbers entries that are exact duplicates
   */
  public static ClaudeProvider forKey(
      ProviderKey key, ClaudeEndpoints endpoints, ClaudeModels catalog, CredentialIds ids) {
    String base = key.baseUrl().orElse(endpoints.api());
    ModelPatterns excluded = new ModelPatterns(key.excludedModels());
    Credential credential =
        new Credential(
            ids.next(KEY, key.apiKey(), base, key.proxyUrl().map(ProxyUrl::toString).orElse("")),
            KEY,
            "claude-api-key " + key.baseUrl().map(b -> "for " + b).orElse("(Anthropic)"),
            Secret.key(key.apiKey()),
            key.proxyUrl(),
            excluded,
            key.credentialGroup(),
            AuthIndex.forApiKey("claude-api-key", key.baseUrl().orElse(""), key.apiKey()));
    List<String[]> names =
        key.models().isEmpty()
            ? catalog.names().stream().map(n -> new String[] {n, n}).toList()
            : key.models().stream().map(m -> new String[] {m.clientName(), m.name()}).toList();
    // Anthropic's own API takes keys as x-api-key; gateways in front of it usually want a bearer.
    boolean anthropic =
        key.baseUrl().isEmpty()
            || ANTHROPIC_HOST.equalsIgnoreCase(URI.create(key.baseUrl().get()).getHost());
    return new ClaudeProvider(
        false,
        base,
        Map.of(),
        anthropic ? ClaudeHeaders.Auth.X_API_KEY : ClaudeHeaders.Auth.BEARER,
        key.headers(),
        List.of(credential),
        offers(names, excluded, catalog),
        catalog);
  }

  private static List<ModelOffer> offers(
      List<String[]> clientAndUpstream, ModelPatterns excluded, ClaudeModels catalog) {
    List<ModelOffer> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String[] pair : clientAndUpstream) {
      if (excluded.matches(pair[0]) || excluded.matches(pair[1])) {
        continue;
      }
      if (seen.add(pair[0].toLowerCase(Locale.ROOT))) {
        out.add(new ModelOffer(pair[0], pair[1], catalog.ownedBy()));
      }
    }
    return out;
  }

  @Override
  public UpstreamProtocol protocol() {
    return PROTOCOL;
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
  public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
    return request(credential, call, false);
  }

  @Override
  public Optional<UpstreamRequest> countTokens(Credential credential, UpstreamCall call) {
    return Optional.of(request(credential, call, true));
  }

  private UpstreamRequest request(Credential credential, UpstreamCall call, boolean count) {
    ClaudeModels.Resolved model = catalog.resolve(call.upstreamModel());
    boolean claudeCode =
        call.passthrough()
            && ClaudeCodeClient.isClaudeCode(
                call.clientHeaders(), () -> call.body().peek().get("system"));
    byte[] body;
    List<String> bodyBetas;
    if (claudeCode) {
      // Claude Code's body goes upstream byte for byte, so its prompt cache keeps hitting; only
      // a thinking alias's suffix comes off the model name the gateway put in.
      byte[] sent = call.body().bytes();
      body =
          model.model().equals(call.upstreamModel())
              ? sent
              : RequestHead.read(sent).withModel(sent, model.model());
      bodyBetas = List.of();
    } else {
      bodyBetas =
          ClaudeRequestBody.apply(
              call.body(),
              new ClaudeRequestBody.Rules(
                  model.model(),
                  model.thinkingBudget(),
                  oauth,
                  catalog.maxOutputTokens(model.model()),
                  count && !call.passthrough()));
      body = call.body().bytes();
    }
    String base = baseById.getOrDefault(credential.id(), defaultBase);
    URI url = count ? ClaudeEndpoints.countTokens(base) : ClaudeEndpoints.messages(base);
    List<Map.Entry<String, String>> headers =
        ClaudeHeaders.of(
            new ClaudeHeaders.Input(
                credential.token(),
                oauth ? ClaudeHeaders.Auth.BEARER : keyAuth,
                oauth,
                call.stream() && !count,
                call.clientDialect() == Dialect.CLAUDE,
                call.clientHeaders(),
                bodyBetas,
                extraHeaders));
    return new UpstreamRequest(url, headers, body);
  }

  @Override
  public String toString() {
    return "ClaudeProvider[" + (oauth ? "accounts" : "api key") + ", " + credentials.size() + "]";
  }

  @Override
  public Optional<QuotaSnapshot> quota(UpstreamHeaders headers, Instant now) {
    return ClaudeQuota.read(headers, now);
  }
}
