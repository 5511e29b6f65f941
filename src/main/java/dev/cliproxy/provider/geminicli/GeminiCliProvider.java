package dev.cliproxy.provider.geminicli;

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
import dev.cliproxy.provider.QuotaProbe;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import dev.cliproxy.provider.google.CodeAssistBody;
import dev.cliproxy.provider.google.CodeAssistFailures;
import dev.cliproxy.provider.google.CodeAssistHeaders;
import dev.cliproxy.provider.google.CodeAssistQuota;
import dev.cliproxy.provider.google.GeminiModels;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's Code Assist API ({@code cloudcode-pa}, what Gemini CLI uses) with the Google accounts of
 * {@code gemini} auth files: requests go in the {@code {model, project, request}} envelope to
 * {@code v1internal:generateContent}, {@code :streamGenerateContent?alt=sse} or {@code
 * :countTokens}, with the account's bearer and Gemini CLI's client headers. A file that names
 * several projects ({@code "a,b"}) is one credential per project, used in turn.
 */
public final class GeminiCliProvider implements Provider {
  private static final Logger log = LoggerFactory.getLogger(GeminiCliProvider.class);

  /** The provider key, as auth files of type {@code gemini} are filed. */
  public static final String KEY = "gemini-cli";

  private static final String OWNED_BY = "google";
  private static final UpstreamProtocol PROTOCOL =
      UpstreamProtocol.of(new GeminiCliEnvelope(new GeminiCodec()), CodeAssistFailures.INSTANCE);

  /** What one credential sends with: its project and its upstream address. */
  private record Target(String project, String base) {}

  private final List<Credential> credentials;
  private final Map<String, Target> targets;
  private final List<ModelOffer> models;

  private GeminiCliProvider(
      List<Credential> credentials, Map<String, Target> targets, List<ModelOffer> models) {
    this.credentials = List.copyOf(credentials);
    this.targets = Map.copyOf(targets);
    this.models = List.copyOf(models);
  }

  /**
   * The provider for the accounts: one credential per account and project (a file without a project
   * is skipped, and the log says so), every Code Assist model but those {@code
   * oauth-excluded-models.gemini-cli} names; a file's {@code base_url} replaces the upstream.
   */
  public static Optional<GeminiCliProvider> forAccounts(Config config, List<Account> accounts) {
    ModelPatterns excluded = new ModelPatterns(config.oauthExcludedModels(KEY));
    String api = GeminiCliEndpoints.of(config.endpoints()).api();
    List<Credential> credentials = new ArrayList<>();
    Map<String, Target> targets = new HashMap<>();
    for (Account account : accounts) {
      List<String> projects = GeminiAuthFile.projects(account.file());
      if (projects.isEmpty()) {
        log.warn(
            "{} names no project_id, so it serves nothing; log in again with {} (or add the"
                + " project to the file)",
            account.id(),
            GeminiCliLoginCommand.FLAG);
      }
      String base = account.file().baseUrl().map(GeminiCliEndpoints::trimSlash).orElse(api);
      for (String project : projects) {
        String id =
            projects.size() == 1
                ? account.id()
                : account.id() + "::" + project.replaceAll("[/\\\\ ]", "_");
        credentials.add(
            new Credential(
                id,
                KEY,
                account.label() + (projects.size() == 1 ? "" : " [" + project + "]"),
                new Secret.OAuth(account),
                account.proxyUrl(),
                excluded,
                account.credentialGroup()));
        targets.put(id, new Target(project, base));
      }
    }
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    List<ModelOffer> offers =
        GeminiModels.offers(GeminiModels.CODE_ASSIST, OWNED_BY).stream()
            .filter(o -> !excluded.matches(o.clientName()))
            .toList();
    return Optional.of(new GeminiCliProvider(credentials, targets, offers));
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
    String action = call.stream() ? "streamGenerateContent?alt=sse" : "generateContent";
    return request(credential, target, action, call.stream(), call.body().bytes());
  }

  /**
   * Code Assist's {@code countTokens}: the envelope without {@code project} and {@code model} (it
   * counts for the model inside the request), and without {@code safetySettings}.
   */
  @Override
  public Optional<UpstreamRequest> countTokens(Credential credential, UpstreamCall call) {
    Target target = targets.get(credential.id());
    ObjectNode envelope = CodeAssistBody.envelope(call);
    envelope.remove("project");
    envelope.remove("model");
    ObjectNode inner = (ObjectNode) envelope.get("request");
    inner.remove("safetySettings");
    inner.put("model", "models/" + call.upstreamModel());
    return Optional.of(request(credential, target, "countTokens", false, call.body().bytes()));
  }

  /** Code Assist's {@code retrieveUserQuota} for the credential's project: a window per model. */
  @Override
  public Optional<QuotaProbe> quotaProbe(Credential credential) {
    Target target = targets.get(credential.id());
    if (target == null) {
      return Optional.empty();
    }
    byte[] body = CodeAssistQuota.request(target.project());
    return Optional.of(
        new QuotaProbe(
            request(credential, target, "retrieveUserQuota", false, body), CodeAssistQuota::read));
  }

  private static UpstreamRequest request(
      Credential credential, Target target, String action, boolean stream, byte[] body) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", "application/json"));
    headers.addAll(
        CodeAssistHeaders.of(
            credential.token(), stream ? "text/event-stream" : "application/json"));
    return new UpstreamRequest(URI.create(target.base() + "/v1internal:" + action), headers, body);
  }

  @Override
  public String toString() {
    return "GeminiCliProvider[" + credentials.size() + " credentials]";
  }
}
