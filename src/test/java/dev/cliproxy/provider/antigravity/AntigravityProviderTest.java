package dev.cliproxy.provider.antigravity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.provider.ClientHeaders;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.UpstreamBody;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What an Antigravity account sends: the envelope's extra fields, its address and headers. */
class AntigravityProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static Config config(String yaml) {
    return new ConfigLoader(new AntigravityKind().configSchema())
        .parse(yaml, Path.of("/tmp"))
        .config();
  }

  private static Account account(Consumer<ObjectNode> edit) {
    ObjectNode json = JSON.createObjectNode();
    json.put("access_token", "ya29.at");
    json.put("refresh_token", "1//rt");
    json.put("email", "a@x.com");
    json.put("expired", "2099-01-01T00:00:00Z");
    json.put("type", "antigravity");
    edit.accept(json);
    return new Account(CredentialFile.of("antigravity-a@x.com.json", json), NOW);
  }

  private static UpstreamRequest prepare(
      Config config, Account account, String body, String model) {
    AntigravityProvider provider =
        AntigravityProvider.forAccounts(config, List.of(account)).orElseThrow();
    return provider.prepare(
        provider.credentials().get(0),
        new UpstreamCall(
            UpstreamBody.ofBytes(body.getBytes(StandardCharsets.UTF_8)),
            true,
            model,
            Dialect.GEMINI,
            false,
            ClientHeaders.NONE));
  }

  @Test
  void aPlainGeminiBodyIsWrappedWithAntigravitysFieldsAndRules() throws Exception {
    Account account = account(j -> j.put("project_id", "p-1"));
    String body =
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}],"
            + "\"safetySettings\":[{}],\"generationConfig\":{\"maxOutputTokens\":9,"
            + "\"temperature\":0.5},\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}]}";

    UpstreamRequest request =
        prepare(
            config("endpoints:\n  antigravity:\n    api: http://127.0.0.1:9/\n"),
            account,
            body,
            "gemini-2.5-pro");

    assertThat(request.url())
        .hasToString("http://127.0.0.1:9/v1internal:streamGenerateContent?alt=sse");
    JsonNode sent = JSON.readTree(request.body());
    assertThat(sent.path("model").asText()).isEqualTo("gemini-2.5-pro");
    assertThat(sent.path("project").asText()).isEqualTo("p-1");
    assertThat(sent.path("userAgent").asText()).isEqualTo("antigravity");
    assertThat(sent.path("requestId").asText()).startsWith("agent-");
    assertThat(sent.at("/request/safetySettings").isMissingNode()).isTrue();
    assertThat(sent.at("/request/generationConfig/maxOutputTokens").isMissingNode()).isTrue();
    assertThat(sent.at("/request/generationConfig/temperature").asDouble()).isEqualTo(0.5);
    assertThat(sent.at("/request/toolConfig/functionCallingConfig/mode").asText())
        .isEqualTo("VALIDATED");
    assertThat(request.headers())
        .extracting(e -> e.getKey() + ": " + e.getValue())
        .contains(
            "Authorization: Bearer ya29.at",
            "User-Agent: antigravity/1.11.5 windows/amd64",
            "Accept: text/event-stream");
  }

  @Test
  void theFilesBaseUrlAndUserAgentWinAndAFileWithoutProjectMakesOneUp() throws Exception {
    Account account =
        account(j -> j.put("base_url", "http://127.0.0.1:7/").put("user_agent", "antigravity/2"));

    UpstreamRequest request = prepare(config(""), account, "{\"contents\":[]}", "gemini-2.5-flash");

    assertThat(request.url().toString()).startsWith("http://127.0.0.1:7/v1internal:");
    assertThat(JSON.readTree(request.body()).path("project").asText())
        .matches("[a-z]+-[a-z]+-[0-9a-f]{5}");
    assertThat(request.headers()).contains(java.util.Map.entry("User-Agent", "antigravity/2"));
  }

  @Test
  void modelsAreCodeAssistsWithGemini3UnderAntigravitysNameAndExclusionsHonoured() {
    Config config = config("oauth-excluded-models:\n  antigravity: [\"*flash-lite\"]\n");

    assertThat(
            AntigravityProvider.forAccounts(config, List.of(account(j -> {})))
                .orElseThrow()
                .models())
        .extracting(ModelOffer::clientName, ModelOffer::upstreamName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("gemini-2.5-pro", "gemini-2.5-pro"),
            org.assertj.core.groups.Tuple.tuple("gemini-2.5-flash", "gemini-2.5-flash"),
            org.assertj.core.groups.Tuple.tuple("gemini-3-pro-preview", "gemini-3-pro-high"));
    assertThat(AntigravityProvider.forAccounts(config, List.of())).isEmpty();
  }
}
