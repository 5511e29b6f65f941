package dev.cliproxy.provider.openaicompat;

import dev.cliproxy.auth.AuthIndex;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import dev.cliproxy.provider.CredentialIds;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code openai-compatibility} upstream (OpenRouter, vLLM, a company gateway): Chat Completions
 * at {@code <base-url>/chat/completions} with a bearer key.
 */
public final class OpenAiCompatProvider implements Provider {
  private static final String USER_AGENT = "cli-proxy-openai-compat";
  private static final UpstreamProtocol PROTOCOL =
      UpstreamProtocol.of(new OpenAiChatCodec(), OpenAiCompatFailures.INSTANCE);

  private final String key;
  private final URI chatUrl;
  private final Map<String, String> headers;
  private final List<Credential> credentials;
  private final List<ModelOffer> models;

  private OpenAiCompatProvider(
      String key,
      URI chatUrl,
      Map<String, String> headers,
      List<Credential> credentials,
      List<ModelOffer> models) {
    this.key = key;
    this.chatUrl = chatUrl;
    this.headers = headers;
    this.credentials = credentials;
    this.models = models;
  }

  /** The provider for one config entry. */
  public static OpenAiCompatProvider from(OpenAiCompatibility entry) {
    String key = entry.name().toLowerCase(Locale.ROOT);
    List<Credential> credentials = new ArrayList<>();
    CredentialIds ids = new CredentialIds();
    if (entry.apiKeyEntries().isEmpty()) {
      credentials.add(
          new Credential(ids.next(key, entry.baseUrl()), key, entry.name(), "", Optional.empty()));
    }
    int n = 0;
    for (ApiKeyEntry k : entry.apiKeyEntries()) {
      n++;
      String proxy = k.proxyUrl().map(Object::toString).orElse("");
      credentials.add(
          new Credential(
                  ids.next(key, k.apiKey(), entry.baseUrl(), proxy),
                  key,
                  entry.name() + " key #" + n,
                  k.apiKey(),
                  k.proxyUrl())
              .indexedAs(AuthIndex.forApiKey("openai-compatibility", entry.baseUrl(), k.apiKey())));
    }
    List<ModelOffer> models =
        entry.models().stream()
            .map(m -> new ModelOffer(m.clientName(), m.name(), entry.name()))
            .toList();
    return new OpenAiCompatProvider(
        key,
        URI.create(entry.baseUrl() + "/chat/completions"),
        entry.headers(),
        credentials.stream().map(c -> c.inGroup(entry.credentialGroup())).toList(),
        models);
  }

  @Override
  public UpstreamProtocol protocol() {
    return PROTOCOL;
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
    return models;
  }

  @Override
  public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
    List<Map.Entry<String, String>> h = new ArrayList<>();
    h.add(Map.entry("Content-Type", "application/json"));
    h.add(Map.entry("User-Agent", USER_AGENT));
    String token = credential.token();
    if (!token.isEmpty()) {
      h.add(Map.entry("Authorization", "Bearer " + token));
    }
    if (call.stream()) {
      h.add(Map.entry("Accept", "text/event-stream"));
      h.add(Map.entry("Cache-Control", "no-cache"));
    } else {
      h.add(Map.entry("Accept", "application/json"));
    }
    h.addAll(headers.entrySet());
    return new UpstreamRequest(chatUrl, h, call.body().bytes());
  }
}
