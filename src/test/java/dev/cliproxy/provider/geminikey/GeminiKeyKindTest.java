package dev.cliproxy.provider.geminikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cliproxy.config.ConfigException;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gemini-api-key} and the legacy {@code generative-language-api-key}: read with "did you
 * mean" for typos, merged without duplicates, turned into generativelanguage requests with the key
 * in {@code x-goog-api-key} only.
 */
class GeminiKeyKindTest {
  private static final GeminiKeyKind KIND = new GeminiKeyKind();
  private static final ConfigLoader LOADER = new ConfigLoader(KIND.configSchema());

  @TempDir Path dir;

  private LoadedConfig load(String yaml) {
    return LOADER.parse(yaml, dir);
  }

  private List<Provider> providers(String yaml) {
    return KIND.providers(load(yaml).config(), List.of());
  }

  private static UpstreamCall call(String body, boolean stream) {
    return new UpstreamCall(
        UpstreamBody.ofBytes(body.getBytes(StandardCharsets.UTF_8)),
        stream,
        "gemini-2.5-pro",
        Dialect.GEMINI,
        true,
        ClientHeaders.NONE);
  }

  private static String header(UpstreamRequest request, String name) {
    return request.headers().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .reduce((a, b) -> b)
        .orElse(null);
  }

  @Test
  void aTypoInAnEntryIsWarnedWithDidYouMean() {
    LoadedConfig loaded = load("gemini-api-key:\n  - api-key: k\n    base-ur: http://x\n");

    assertThat(loaded.warnings())
        .anySatisfy(w -> assertThat(w).contains("base-ur").contains("did you mean 'base-url'?"));
  }

  @Test
  void aWrongShapeFailsNamingThePathButNotTheKey() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> load("generative-language-api-key: [{key: SECRET-1}]\n"));

    assertThat(e.getMessage())
        .contains("generative-language-api-key[0]")
        .doesNotContain("SECRET-1");
  }

  @Test
  void legacyKeysFollowTheEntriesWithoutDuplicatesAndServeTheBuiltInModels() {
    List<Provider> providers =
        providers(
            "gemini-api-key:\n  - api-key: a\n    models: [{name: gemini-2.5-pro, alias: pro}]\n"
                + "generative-language-api-key: [b, a, b]\n");

    assertThat(providers).hasSize(2);
    assertThat(providers.get(0).models())
        .containsExactly(new ModelOffer("pro", "gemini-2.5-pro", "google"));
    assertThat(providers.get(1).models())
        .extracting(ModelOffer::clientName)
        .contains("gemini-2.5-flash", "gemini-2.5-pro");
    assertThat(providers).allSatisfy(p -> assertThat(p.key()).isEqualTo("gemini"));
    assertThat(providers.get(1).credentials().get(0).toString()).doesNotContain("b]");
  }

  @Test
  void excludedModelsAreNotOffered() {
    List<Provider> providers =
        providers("gemini-api-key:\n  - api-key: a\n    excluded-models: ['*-pro', '*image*']\n");

    assertThat(providers.get(0).models())
        .extracting(ModelOffer::clientName)
        .containsExactly("gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-3-pro-preview");
  }

  @Test
  void requestsGoToTheEntrysBaseOrTheEndpointsOverrideWithTheKeyInAHeader() {
    Provider own =
        providers(
                "endpoints:\n  gemini:\n    api: http://127.0.0.1:9/g/\n"
                    + "gemini-api-key:\n  - api-key: k1\n    base-url: http://127.0.0.1:8/x/\n"
                    + "    headers: {X-Extra: yes}\n  - api-key: k2\n")
            .get(0);
    Provider overridden =
        providers(
                "endpoints:\n  gemini:\n    api: http://127.0.0.1:9/g/\n"
                    + "gemini-api-key:\n  - api-key: k2\n")
            .get(0);
    Provider google = providers("gemini-api-key:\n  - api-key: k3\n").get(0);
    String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]}";

    UpstreamRequest whole = own.prepare(own.credentials().get(0), call(body, false));
    UpstreamRequest stream = overridden.prepare(overridden.credentials().get(0), call(body, true));
    UpstreamRequest count =
        google.countTokens(google.credentials().get(0), call(body, false)).orElseThrow();

    assertThat(whole.url().toString())
        .isEqualTo("http://127.0.0.1:8/x/v1beta/models/gemini-2.5-pro:generateContent");
    assertThat(header(whole, "x-goog-api-key")).isEqualTo("k1");
    assertThat(header(whole, "X-Extra")).isEqualTo("yes");
    assertThat(stream.url().toString())
        .isEqualTo(
            "http://127.0.0.1:9/g/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
    assertThat(header(stream, "Accept")).isEqualTo("text/event-stream");
    assertThat(count.url().toString())
        .isEqualTo(
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:countTokens");
    assertThat(new String(count.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"generateContentRequest\":{\"model\":\"models/gemini-2.5-pro\",\"contents\":"
                + "[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]}}");
    for (UpstreamRequest r : List.of(whole, stream, count)) {
      assertThat(r.url().toString()).doesNotContain("k1").doesNotContain("k2").doesNotContain("k3");
      assertThat(header(r, "Authorization")).isNull();
    }
  }

  @Test
  void noKeysNoProviders() {
    assertThat(KIND.providers(LOADER.defaults(), List.of())).isEmpty();
  }
}
