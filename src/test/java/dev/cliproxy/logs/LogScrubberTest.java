package dev.cliproxy.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a request log may show of a secret: never more than {@code SecretMask} keeps. */
class LogScrubberTest {
  private static final String KEY = "sk-proj-0123456789abcdefghijklmnop";
  private static final String TOKEN = "ya29.a0AfH6SMBx-0123456789abcdefghij";

  @Test
  void secretHeadersAreMaskedAndLearned() {
    LogScrubber scrubber = new LogScrubber(List.of());
    assertThat(scrubber.header("Authorization", "Bearer " + KEY)).isEqualTo("Bearer sk-p…mnop");
    assertThat(scrubber.header("x-goog-api-key", KEY)).isEqualTo("sk-p…mnop");
    assertThat(scrubber.header("Cookie", "session=" + TOKEN)).doesNotContain(TOKEN);
    assertThat(scrubber.header("Content-Type", "application/json")).isEqualTo("application/json");

    scrubber.learn("x-api-key", KEY);
    assertThat(scrubber.text("the upstream said: bad key " + KEY + ".")).doesNotContain(KEY);
  }

  @Test
  void tokenLookingJsonFieldsAndBearerTokensAreMaskedInAnyText() {
    LogScrubber scrubber = new LogScrubber(List.of());
    String body =
        "{\"access_token\":\""
            + TOKEN
            + "\",\"refresh_token\" : \"1//0gAbCdEfGhIjKlMnOpQrStUv\",\"apiKey\":\""
            + KEY
            + "\",\"max_tokens\":50,\"model\":\"gpt-5\",\"text\":\"Bearer "
            + TOKEN
            + "\"}";
    String shown = scrubber.text(body);
    assertThat(shown)
        .doesNotContain(TOKEN)
        .doesNotContain(KEY)
        .doesNotContain("1//0gAbCdEfGhIjKlMnOpQrStUv")
        .contains("\"max_tokens\":50")
        .contains("\"model\":\"gpt-5\"");
  }

  @Test
  void knownSecretsAndQuerySecretsAreMaskedAnywhere() {
    LogScrubber scrubber = new LogScrubber(List.of(KEY));
    assertThat(scrubber.text("a prompt that quotes " + KEY)).doesNotContain(KEY);
    assertThat(scrubber.url("https://x.test/v1beta/models/m:generateContent?alt=sse&key=" + TOKEN))
        .isEqualTo("https://x.test/v1beta/models/m:generateContent?alt=sse&key=***");
  }
}
