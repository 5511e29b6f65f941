package dev.cliproxy.provider.geminicli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Which credentials Gemini CLI files become, and what the log says about a file that serves none.
 */
class GeminiCliProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger providerLog = (Logger) LoggerFactory.getLogger(GeminiCliProvider.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    providerLog.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    providerLog.detachAppender(logs);
  }

  private static Config config() {
    return new ConfigLoader(new GeminiCliKind().configSchema()).parse("", Path.of("/tmp")).config();
  }

  private static Account account(String name, String projectId) {
    ObjectNode json = JSON.createObjectNode();
    ObjectNode token = json.putObject("token");
    token.put("access_token", "ya29.secret-access");
    token.put("refresh_token", "1//secret-refresh");
    token.put("expiry", "2099-01-01T00:00:00Z");
    json.put("email", "a@x.com");
    if (projectId != null) {
      json.put("project_id", projectId);
    }
    json.put("type", "gemini");
    return new Account(CredentialFile.of(name, json), NOW);
  }

  @Test
  void aFileWithSeveralProjectsIsOneCredentialPerProject() {
    GeminiCliProvider provider =
        GeminiCliProvider.forAccounts(
                config(), List.of(account("gemini-a@x.com-all.json", "proj-a,proj-b")))
            .orElseThrow();

    assertThat(provider.credentials())
        .extracting(Credential::id)
        .containsExactly("gemini-a@x.com-all.json::proj-a", "gemini-a@x.com-all.json::proj-b");
    assertThat(logs.list).isEmpty();
  }

  @Test
  void aFileWithoutAProjectServesNothingAndTheLogSaysHowToFixIt() {
    assertThat(
            GeminiCliProvider.forAccounts(
                config(), List.of(account("gemini-a@x.com-none.json", null))))
        .isEmpty();

    assertThat(logs.list)
        .singleElement()
        .satisfies(event -> {
          assertThat(event.getFormattedMessage())
              .contains("gemini-a@x.com-none.json", "no project_id", "--login")
              .doesNotContain("secret");
        });
  }
}
