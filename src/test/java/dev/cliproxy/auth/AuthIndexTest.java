package dev.cliproxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The index dashboards key on, derived as the reference derives it. The expected values were worked
 * out by hand with {@code sha256sum} over the seeds written in each test.
 */
class AuthIndexTest {

  @Test
  void aFileIsIndexedByItsTypeAndAbsolutePath() {
    // printf 'codex:/srv/auth/codex-a@b.com.json' | sha256sum | cut -c1-16
    assertThat(AuthIndex.forFile("Codex ", Path.of("/srv/auth/./codex-a@b.com.json")))
        .isEqualTo("14b699c6eb0d5698");
  }

  @Test
  void aConfigKeyIsIndexedByItsSectionBaseUrlAndKey() {
    assertThat(AuthIndex.forApiKey("claude-api-key", "", "sk-ant-123"))
        .isEqualTo("b8b4bdcf34319f25");
    assertThat(
            AuthIndex.forApiKey("openai-compatibility", "https://openrouter.ai/api/v1", "sk-or-1"))
        .isEqualTo("9a016ae9f04dfb40");
  }

  @Test
  void anythingElseIsIndexedByItsId() {
    assertThat(AuthIndex.forId("vertex:abc")).isEqualTo("60fd060db21aea74");
  }

  @Test
  void aCredentialWithoutAGivenIndexTakesItsIdsAndKeepsItInItsGroup() {
    Credential key = new Credential("vertex:abc", "vertex", "v", "k", Optional.empty());
    assertThat(key.authIndex()).isEqualTo("60fd060db21aea74");
    assertThat(key.inGroup("team").authIndex()).isEqualTo("60fd060db21aea74");
    assertThat(key.indexedAs("b8b4bdcf34319f25").authIndex()).isEqualTo("b8b4bdcf34319f25");
  }
}
