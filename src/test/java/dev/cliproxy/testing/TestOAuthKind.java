package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.refresh.RefreshFailure;
import dev.cliproxy.auth.refresh.TokenRefresher;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import dev.cliproxy.provider.openaicompat.OpenAiCompatFailures;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/**
 * A provider kind for engine tests: auth files of type {@code testoauth} whose {@code base_url}
 * points at an OpenAI-compatible fake, offering {@code oauth-model} (upstream {@code up-model}) and
 * {@code oauth-other}, and refreshed with a standard form-encoded {@code refresh_token} grant.
 */
public final class TestOAuthKind implements ProviderKind {
  public static final String TYPE = "testoauth";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI tokenEndpoint;
  private final Duration lead;
  private final Clock clock;

  public TestOAuthKind(URI tokenEndpoint, Duration lead, Clock clock) {
    this.tokenEndpoint = tokenEndpoint;
    this.lead = lead;
    this.clock = clock;
  }

  @Override
  public String name() {
    return TYPE;
  }

  @Override
  public java.util.Set<String> authFileTypes() {
    return java.util.Set.of(TYPE);
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    if (accounts.isEmpty()) {
      return List.of();
    }
    ModelPatterns excluded = ModelPatterns.of(config.oauthExcludedModels(TYPE));
    List<Credential> credentials =
        accounts.stream().map(a -> Credential.forAccount(a, excluded)).toList();
    return List.of(new TestProvider(credentials));
  }

  @Override
  public Optional<TokenRefresher> refresher(Config config) {
    return Optional.of(new FormRefresher());
  }

  private record TestProvider(List<Credential> credentials) implements Provider {
    @Override
    public UpstreamProtocol protocol() {
      return UpstreamProtocol.of(new OpenAiChatCodec(), OpenAiCompatFailures.INSTANCE);
    }

    @Override
    public String key() {
      return TYPE;
    }

    @Override
    public List<ModelOffer> models() {
      return List.of(
          new ModelOffer("oauth-model", "up-model", TYPE),
          new ModelOffer("oauth-other", "up-other", TYPE));
    }

    @Override
    public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
      String base = credential.account().orElseThrow().file().baseUrl().orElseThrow();
      return new UpstreamRequest(
          URI.create(base + "/chat/completions"),
          List.of(
              Map.entry("Content-Type", "application/json"),
              Map.entry("Authorization", "Bearer " + credential.token())),
          call.body().bytes());
    }
  }

  private final class FormRefresher implements TokenRefresher {
    @Override
    public Duration leadTime() {
      return lead;
    }

    @Override
    public CredentialFile refresh(CredentialFile current, HttpClient http)
        throws RefreshFailure, InterruptedException {
      String form =
          "grant_type=refresh_token&client_id=test-client&refresh_token="
              + URLEncoder.encode(current.refreshToken().orElseThrow(), StandardCharsets.UTF_8);
      ContentResponse response;
      try {
        response =
            http.newRequest(tokenEndpoint)
                .method(HttpMethod.POST)
                .headers(h -> h.put("Accept", "application/json"))
                .body(
                    new StringRequestContent(
                        "application/x-www-form-urlencoded", form, StandardCharsets.UTF_8))
                .send();
      } catch (ExecutionException | TimeoutException e) {
        throw RefreshFailure.transientFailure("token endpoint unreachable: " + e, e);
      }
      JsonNode body;
      try {
        body = JSON.readTree(response.getContentAsString());
      } catch (IOException e) {
        body = JSON.createObjectNode();
      }
      if (response.getStatus() != 200) {
        String error = body.path("error").asText("");
        if (error.equals("invalid_grant")) {
          throw RefreshFailure.permanent("the refresh token was refused (invalid_grant)");
        }
        throw RefreshFailure.transientFailure(
            "token endpoint answered " + response.getStatus() + " " + error, null);
      }
      Instant now = clock.instant();
      Instant expiry = now.plusSeconds(body.path("expires_in").asLong(3600));
      CredentialFile updated =
          current
              .with("access_token", body.path("access_token").asText())
              .with("expired", expiry.toString())
              .with("last_refresh", now.toString());
      String rotated = body.path("refresh_token").asText("");
      return rotated.isEmpty() ? updated : updated.with("refresh_token", rotated);
    }
  }
}
