package dev.cliproxy.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.LoadedConfig;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.provider.ClientHeaders;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamBody;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Vertex kind builds from the config and its accounts: one provider for the accounts (with
 * {@code oauth-excluded-models.vertex}), one per {@code vertex-api-key} entry, a typo in an entry
 * warned with "did you mean".
 */
class VertexKindTest {
  private static final VertexKind KIND = new VertexKind();
  private static final ConfigLoader LOADER = new ConfigLoader(KIND.configSchema());

  @TempDir Path dir;

  private LoadedConfig load(String yaml) {
    return LOADER.parse(yaml, dir);
  }

  private static Account account() {
    ObjectNode file = new ObjectMapper().createObjectNode().put("type", "vertex");
    return new Account(CredentialFile.of("vertex-p.json", file), Instant.now());
  }

  @Test
  void accountsAndKeysEachGetTheirProvider() {
    List<Provider> providers =
        KIND.providers(
            load("oauth-excluded-models:\n  vertex: ['*-pro*']\n"
                    + "vertex-api-key:\n  - api-key: vk\n    models: [{name: gemini-2.5-pro,"
                    + " alias: vp}]\n")
                .config(),
            List.of(account()));

    assertThat(providers).hasSize(2);
    assertThat(providers).allSatisfy(p -> assertThat(p.key()).isEqualTo("vertex"));
    assertThat(providers.get(0).models())
        .extracting(ModelOffer::clientName)
        .containsExactly("gemini-2.5-flash", "gemini-2.5-flash-lite");
    assertThat(providers.get(1).models())
        .containsExactly(new ModelOffer("vp", "gemini-2.5-pro", "google"));
  }

  @Test
  void aVertexKeyGoesToThePublisherModelsOfTheGlobalHost() {
    Provider key =
        KIND.providers(load("vertex-api-key:\n  - api-key: vk\n").config(), List.of()).get(0);
    UpstreamCall call =
        new UpstreamCall(
            UpstreamBody.ofBytes(
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]}"
                    .getBytes(StandardCharsets.UTF_8)),
            true,
            "gemini-2.5-flash",
            Dialect.GEMINI,
            true,
            ClientHeaders.NONE);

    UpstreamRequest request = key.prepare(key.credentials().get(0), call);

    assertThat(request.url().toString())
        .isEqualTo(
            "https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-flash"
                + ":streamGenerateContent?alt=sse");
    assertThat(request.headers()).contains(Map.entry("x-goog-api-key", "vk"));
    assertThat(request.url().toString()).doesNotContain("vk");
  }

  @Test
  void aTypoInAKeyEntryIsWarnedWithDidYouMean() {
    assertThat(load("vertex-api-key:\n  - api-key: vk\n    header: {X: y}\n").warnings())
        .anySatisfy(w -> assertThat(w).contains("did you mean 'headers'?"));
  }

  @Test
  void nothingConfiguredNothingServed() {
    assertThat(KIND.providers(LOADER.defaults(), List.of())).isEmpty();
  }
}
