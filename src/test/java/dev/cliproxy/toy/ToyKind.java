package dev.cliproxy.toy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.HttpUrlValue;
import dev.cliproxy.config.KeySchema;
import dev.cliproxy.config.LoadContext;
import dev.cliproxy.config.ModelAlias;
import dev.cliproxy.config.ModelListSection;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginSession;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import dev.cliproxy.provider.openaicompat.OpenAiCompatFailures;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A throwaway provider kind that lives only in the tests, to show that a kind plugs in without any
 * main file knowing it: its own top-level config section ({@code toy-upstreams}), its own endpoint
 * name ({@code endpoints.toy.api}), its own auth-file type ({@code toy}) with its own model, and
 * its own login flag ({@code --toy-login}).
 */
public final class ToyKind implements ProviderKind {
  /** The auth-file type and provider key. */
  public static final String TYPE = "toy";

  /** The model toy accounts serve, and what the upstream calls it. */
  public static final String ACCOUNT_MODEL = "toy-account-model";

  public static final String ACCOUNT_UPSTREAM_MODEL = "up-model";

  /** The token the {@code --toy-login} account gets. */
  public static final String LOGIN_TOKEN = "toy-login-token";

  /** The {@code toy-upstreams} list. */
  public static final ConfigSection<List<ToyUpstream>> UPSTREAMS =
      ConfigSection.of("toy-upstreams", List.of(), ToyKind::readUpstreams);

  private static final KeySchema ENTRY =
      new KeySchema(Set.of("base-url", "api-key", "models"), Set.of());

  private static final ConfigSchema CONFIG =
      ConfigSchema.EMPTY.withSection(UPSTREAMS).withEndpoints(TYPE, Set.of("api"));

  private static final String DEFAULT_API = "https://toy.invalid/v1";

  private static final UpstreamProtocol PROTOCOL =
      UpstreamProtocol.of(new OpenAiChatCodec(), OpenAiCompatFailures.INSTANCE);

  @Override
  public String name() {
    return TYPE;
  }

  @Override
  public ConfigSchema configSchema() {
    return CONFIG;
  }

  @Override
  public Set<String> authFileTypes() {
    return Set.of(TYPE);
  }

  @Override
  public List<LoginFlag> logins() {
    return List.of(
        new LoginFlag(
            "--toy-login", "Log in to a toy account (tests only).", "Toy", ToyKind::login));
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    List<Provider> providers = new ArrayList<>();
    CredentialIds ids = new CredentialIds();
    for (ToyUpstream upstream : config.section(UPSTREAMS)) {
      Credential key =
          new Credential(
              ids.next(TYPE, upstream.apiKey(), upstream.baseUrl()),
              TYPE,
              "toy upstream " + upstream.baseUrl(),
              upstream.apiKey(),
              Optional.empty());
      List<ModelOffer> models =
          upstream.models().stream()
              .map(m -> new ModelOffer(m.clientName(), m.name(), TYPE))
              .toList();
      providers.add(new ToyProvider(upstream.baseUrl(), List.of(key), models));
    }
    if (!accounts.isEmpty()) {
      ModelPatterns excluded = ModelPatterns.of(config.oauthExcludedModels(TYPE));
      providers.add(
          new ToyProvider(
              config.endpoints().url(TYPE, "api", DEFAULT_API),
              accounts.stream().map(a -> Credential.forAccount(a, excluded)).toList(),
              List.of(new ModelOffer(ACCOUNT_MODEL, ACCOUNT_UPSTREAM_MODEL, TYPE))));
    }
    return providers;
  }

  /** Every refresh is refused for good, so a due account needs a new login. */
  @Override
  public Optional<TokenRefresher> refresher(Config config) {
    return Optional.of(
        new TokenRefresher() {
          @Override
          public Duration leadTime() {
            return Duration.ofMinutes(1);
          }

          @Override
          public CredentialFile refresh(
              CredentialFile current, org.eclipse.jetty.client.HttpClient http)
              throws RefreshFailure {
            throw RefreshFailure.permanent("the toy refresh token was revoked");
          }
        });
  }

  private static List<ToyUpstream> readUpstreams(ConfigValue list, LoadContext context) {
    List<ToyUpstream> upstreams = new ArrayList<>();
    for (ConfigValue entry : list.items()) {
      ENTRY.check(entry.mapping(), context);
      String baseUrl =
          HttpUrlValue.required(
              entry.field("base-url"),
              "an http:// or https:// URL",
              ENTRY.misspellingHint(entry, "base-url"));
      List<ModelAlias> models = ModelListSection.read(entry.field("models"), context);
      if (models.isEmpty()) {
        throw entry.field("models").fail("needs at least one model");
      }
      upstreams.add(new ToyUpstream(baseUrl, entry.field("api-key").text(""), models));
    }
    return upstreams;
  }

  private static void login(LoginSession session) throws LoginException {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("type", TYPE);
    json.put("email", "toy@example.com");
    json.put("access_token", LOGIN_TOKEN);
    CredentialFile file = CredentialFile.of("toy-login.json", json);
    AuthDirectory directory = new AuthDirectory(session.config().authDir());
    try {
      directory.create();
      directory.save(file);
    } catch (IOException e) {
      throw new LoginException(LoginException.Reason.SAVE_FAILED, "cannot save: " + e, e);
    }
    session.out().println("Toy account added: " + directory.path().resolve(file.id()));
  }

  private record ToyProvider(String baseUrl, List<Credential> credentials, List<ModelOffer> models)
      implements Provider {
    @Override
    public String key() {
      return TYPE;
    }

    @Override
    public UpstreamProtocol protocol() {
      return PROTOCOL;
    }

    @Override
    public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      headers.add(Map.entry("Content-Type", "application/json"));
      if (!credential.token().isEmpty()) {
        headers.add(Map.entry("Authorization", "Bearer " + credential.token()));
      }
      return new UpstreamRequest(
          URI.create(baseUrl + "/chat/completions"), headers, call.body().bytes());
    }
  }
}
