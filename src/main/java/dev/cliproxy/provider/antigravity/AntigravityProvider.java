package dev.cliproxy.provider.antigravity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.Secret;
import dev.cliproxy.config.Config;
import dev.cliproxy.dialect.gemini.GeminiCliEnvelope;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import dev.cliproxy.provider.google.CodeAssistBody;
import dev.cliproxy.provider.google.CodeAssistClient;
import dev.cliproxy.provider.google.CodeAssistFailures;
import dev.cliproxy.provider.google.GeminiModels;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Antigravity's Code Assist ({@code v1internal} on the daily sandbox) with the Google accounts of
 * {@code antigravity} auth files: requests go in Gemini CLI's {@code {model, project, request}}
 * envelope with Antigravity's additions ({@code userAgent}, {@code requestId}, {@code requestType},
 * {@code request.sessionId}) to {@code generateContent} or {@code streamGenerateContent?alt=sse},
 * with the account's bearer and Antigravity's {@code User-Agent}. It counts no tokens (the gateway
 * estimates).
 */
public final class AntigravityProvider implements Provider {
  /** The provider key, as auth files of type {@code antigravity} are filed. */
  public static final String KEY = "antigravity";

  private static final String OWNED_BY = "antigravity";
  private static final UpstreamProtocol PROTOCOL =
      UpstreamProtocol.of(new GeminiCliEnvelope(new GeminiCodec()), CodeAssistFailures.INSTANCE);

  /** Client model names Antigravity knows under another name. */
  private static final Map<String, String> UPSTREAM_NAMES =
      Map.of("gemini-3-pro-preview", "gemini-3-pro-high");

  private static final List<String> ADJECTIVES =
      List.of("useful", "bright", "swift", "calm", "bold");
  private static final List<String> NOUNS = List.of("fuze", "wave", "spark", "flow", "core");

  /** What one credential sends with: its project, upstream address and client (user agent). */
  private record Target(String project, String base, CodeAssistClient client) {}

  private final List<Credential> credentials;
  private final Map<String, Target> targets;
  private final List<ModelOffer> models;

  private AntigravityProvider(
      List<Credential> credentials, Map<String, Target> targets, List<ModelOffer> models) {
    this.credentials = List.copyOf(credentials);
    this.targets = Map.copyOf(targets);
    this.models = List.copyOf(models);
  }

  /**
   * The provider for the accounts: one credential each, the built-in Code Assist models but those
   * {@code oauth-excluded-models.antigravity} names; a file's {@code base_url} replaces the
   * upstream, its {@code user_agent} the user agent. A file without {@code project_id} (an older
   * login) sends a made-up project, as Antigravity did.
   */
  public static Optional<AntigravityProvider> forAccounts(Config config, List<Account> accounts) {
    ModelPatterns excluded = new ModelPatterns(config.oauthExcludedModels(KEY));
    String api = AntigravityEndpoints.of(config.endpoints()).api();
    List<Credential> credentials = new ArrayList<>();
    Map<String, Target> targets = new HashMap<>();
    for (Account account : accounts) {
      credentials.add(
          new Credential(
              account.id(),
              KEY,
              account.label(),
              new Secret.OAuth(account),
              account.proxyUrl(),
              excluded,
              account.credentialGroup()));
      String base =
          account.file().baseUrl().map(AntigravityEndpoints::withoutTrailingSlash).orElse(api);
      CodeAssistClient client =
          account
              .file()
              .get("user_agent")
              .map(n -> n.asText("").trim())
              .filter(a -> !a.isEmpty())
              .map(a -> new CodeAssistClient(AntigravityOAuth.CODE_ASSIST.ideType(), a, "", ""))
              .orElse(AntigravityOAuth.CODE_ASSIST);
      targets.put(
          account.id(),
          new Target(
              AntigravityAuthFile.project(account.file()).orElseGet(AntigravityProvider::madeUp),
              base,
              client));
    }
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    List<ModelOffer> offers =
        GeminiModels.CODE_ASSIST.stream()
            .filter(name -> !excluded.matches(name))
            .map(name -> new ModelOffer(name, UPSTREAM_NAMES.getOrDefault(name, name), OWNED_BY))
            .toList();
    return Optional.of(new AntigravityProvider(credentials, targets, offers));
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
    Target target = targets.get(credential.id());
    ObjectNode envelope = CodeAssistBody.envelope(call);
    envelope.put("model", call.upstreamModel());
    envelope.put("project", target.project());
    envelope.put("userAgent", "antigravity");
    envelope.put("requestId", "agent-" + UUID.randomUUID());
    envelope.put("requestType", "agent");
    ObjectNode inner = (ObjectNode) envelope.get("request");
    inner.put("sessionId", "-" + ThreadLocalRandom.current().nextLong(1L, Long.MAX_VALUE));
    inner.remove("safetySettings");
    if (inner.get("generationConfig") instanceof ObjectNode generation) {
      generation.remove("maxOutputTokens");
    }
    if (inner.path("tools").isArray() && !inner.path("tools").isEmpty()) {
      ObjectNode toolConfig =
          inner.get("toolConfig") instanceof ObjectNode t ? t : inner.putObject("toolConfig");
      ObjectNode calling =
          toolConfig.get("functionCallingConfig") instanceof ObjectNode c
              ? c
              : toolConfig.putObject("functionCallingConfig");
      calling.put("mode", "VALIDATED");
    }
    String action = call.stream() ? "streamGenerateContent?alt=sse" : "generateContent";
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", "application/json"));
    headers.addAll(
        target
            .client()
            .headers(credential.token(), call.stream() ? "text/event-stream" : "application/json"));
    return new UpstreamRequest(
        URI.create(target.base() + "/v1internal:" + action), headers, call.body().bytes());
  }

  /** A project name as Antigravity makes one up: {@code <adjective>-<noun>-<5 hex>}. */
  private static String madeUp() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return ADJECTIVES.get(random.nextInt(ADJECTIVES.size()))
        + "-"
        + NOUNS.get(random.nextInt(NOUNS.size()))
        + "-"
        + String.format("%05x", random.nextInt(0x100000));
  }

  @Override
  public String toString() {
    return "AntigravityProvider[" + credentials.size() + " credentials]";
  }
}
