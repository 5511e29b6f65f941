package dev.cliproxy.amp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cliproxy.testing.MovableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Amp key's sources in order (per-client, config, AMP_API_KEY, secrets file), the file's
 * five-minute cache of hits, misses and errors, {@code forget()}, and logs that never hold a key.
 */
class AmpSecretTest {
  private static final URI AMPCODE = URI.create("https://ampcode.com");
  private static final String FILE_KEY = "apiKey@https://ampcode.com/";

  @TempDir Path home;

  private final Map<String, String> env = new HashMap<>();
  private final MovableClock clock = new MovableClock();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger secretLog = (Logger) LoggerFactory.getLogger(AmpSecret.class);
  private AmpSecret secret;

  @BeforeEach
  void setUp() {
    logs.start();
    secretLog.addAppender(logs);
    secret = new AmpSecret(home, env::get, clock);
  }

  @AfterEach
  void releaseLogs() {
    secretLog.detachAppender(logs);
  }

  private static AmpSettings settings(
      Optional<String> configKey, List<ClientUpstreamKey> perClient) {
    return new AmpSettings(Optional.of(AMPCODE), configKey, perClient, true, List.of(), false);
  }

  private void writeSecrets(String json) throws IOException {
    Path file = home.resolve(".local/share/amp/secrets.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  private Optional<AmpKey> resolve(AmpSettings settings, String clientKey) {
    return secret.resolve(settings, Optional.ofNullable(clientKey));
  }

  @Test
  void theSourcesAreTriedInTheSeedsOrderWithPerClientKeysFirst() throws IOException {
    writeSecrets("{\"" + FILE_KEY + "\": \" sgamp_file \"}");
    env.put("AMP_API_KEY", " sgamp_env ");
    AmpSettings all =
        settings(
            Optional.of("sgamp_config"),
            List.of(new ClientUpstreamKey("sgamp_team", List.of("client-a"))));

    assertThat(resolve(all, "client-a"))
        .contains(new AmpKey("sgamp_team", AmpKey.Source.CLIENT_KEY_MAPPING));
    assertThat(resolve(all, "client-b")).contains(new AmpKey("sgamp_config", AmpKey.Source.CONFIG));
    assertThat(resolve(all, null)).contains(new AmpKey("sgamp_config", AmpKey.Source.CONFIG));
    AmpSettings noConfigKey = settings(Optional.empty(), List.of());
    assertThat(resolve(noConfigKey, "client-a"))
        .contains(new AmpKey("sgamp_env", AmpKey.Source.ENVIRONMENT));
    env.put("AMP_API_KEY", "   ");
    assertThat(resolve(noConfigKey, null))
        .as("a blank variable is absent, and it is read on every call")
        .contains(new AmpKey("sgamp_file", AmpKey.Source.SECRETS_FILE));
    assertThat(resolve(settings(Optional.of("  "), List.of()), null))
        .as("a blank config key is absent")
        .contains(new AmpKey("sgamp_file", AmpKey.Source.SECRETS_FILE));
  }

  @Test
  void theFileKeyNamesTheUpstreamUrlWithASlash() throws IOException {
    writeSecrets(
        "{\"apiKey@https://ampcode.com/\": \"sgamp_public\","
            + " \"apiKey@http://127.0.0.1:9000/\": \"sgamp_local\", \"other\": 5}");
    AmpSettings local =
        new AmpSettings(
            Optional.of(URI.create("http://127.0.0.1:9000")),
            Optional.empty(),
            List.of(),
            true,
            List.of(),
            false);

    assertThat(resolve(local, null)).map(AmpKey::value).contains("sgamp_local");
    assertThat(resolve(settings(Optional.empty(), List.of()), null))
        .map(AmpKey::value)
        .as("another upstream is another file key, even within the cache period")
        .contains("sgamp_public");
    assertThat(resolve(AmpSettings.DEFAULTS, null)).as("no upstream, no file key").isEmpty();
  }

  @Test
  void theFileIsCachedForFiveMinutesAndForgetEmptiesTheCache() throws IOException {
    AmpSettings settings = settings(Optional.empty(), List.of());
    writeSecrets("{\"" + FILE_KEY + "\": \"sgamp_old\"}");
    assertThat(resolve(settings, null)).map(AmpKey::value).contains("sgamp_old");

    writeSecrets("{\"" + FILE_KEY + "\": \"sgamp_new\"}");
    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(resolve(settings, null)).map(AmpKey::value).contains("sgamp_old");
    clock.advance(Duration.ofSeconds(1));
    assertThat(resolve(settings, null)).map(AmpKey::value).contains("sgamp_new");

    writeSecrets("{\"" + FILE_KEY + "\": \"sgamp_newer\"}");
    assertThat(resolve(settings, null)).map(AmpKey::value).contains("sgamp_new");
    secret.forget();
    assertThat(resolve(settings, null)).map(AmpKey::value).contains("sgamp_newer");
  }

  @Test
  void aMissingFileOrKeyIsNoKeyAndIsCachedToo() throws IOException {
    AmpSettings settings = settings(Optional.empty(), List.of());
    assertThat(resolve(settings, null)).isEmpty();

    writeSecrets("{\"" + FILE_KEY + "\": \"sgamp_late\"}");
    assertThat(resolve(settings, null)).as("the miss is cached").isEmpty();
    clock.advance(AmpSecret.FILE_CACHE_TTL);
    assertThat(resolve(settings, null)).map(AmpKey::value).contains("sgamp_late");

    writeSecrets("{\"apiKey@https://other.example/\": \"sgamp_x\", \"" + FILE_KEY + "\": \" \"}");
    secret.forget();
    assertThat(resolve(settings, null)).as("another key only, or a blank value").isEmpty();
    assertThat(logs.list).as("a missing file or key is not a problem").isEmpty();
  }

  @Test
  void anUnusableFileIsLoggedOncePerCachePeriodWithoutItsContent() throws IOException {
    AmpSettings settings = settings(Optional.empty(), List.of());
    writeSecrets("{\"" + FILE_KEY + "\": sgamp_unquoted_SECRET}");

    assertThat(resolve(settings, null)).isEmpty();
    assertThat(resolve(settings, null)).isEmpty();
    assertThat(logs.list).hasSize(1);
    String line = logs.list.get(0).getFormattedMessage();
    assertThat(line)
        .contains(
            secret.secretsFile().toString(),
            "not valid JSON at line 1",
            "continuing without an Amp key")
        .doesNotContain("SECRET");

    clock.advance(AmpSecret.FILE_CACHE_TTL);
    assertThat(resolve(settings, null)).isEmpty();
    assertThat(logs.list).as("the next period reads and logs again").hasSize(2);

    writeSecrets("[\"sgamp_in_a_list_SECRET\"]");
    secret.forget();
    assertThat(resolve(settings, null)).isEmpty();
    writeSecrets("{\"" + FILE_KEY + "\": {\"nested\": \"sgamp_nested_SECRET\"}}");
    secret.forget();
    assertThat(resolve(settings, null)).isEmpty();
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .hasSize(4)
        .anySatisfy(l -> assertThat(l).contains("not a JSON object"))
        .anySatisfy(l -> assertThat(l).contains("is not a string"))
        .allSatisfy(l -> assertThat(l).doesNotContain("SECRET"));
  }

  @Test
  void keysShowMaskedWhenLoggedAndTheStandardSourceUsesTheUsersHome() {
    assertThat(new AmpKey("sgamp_0123456789abcdefghijklmn", AmpKey.Source.CONFIG).toString())
        .isEqualTo("AmpKey[sgam…klmn from CONFIG]");
    assertThat(new ClientUpstreamKey("sgamp_0123456789abcdefghijklmn", List.of("client-key-1")))
        .hasToString("ClientUpstreamKey[sgam…klmn for [cl…-1]]");
    assertThat(AmpSecret.standard().secretsFile())
        .isEqualTo(
            Path.of(System.getProperty("user.home"), ".local", "share", "amp", "secrets.json"));
  }
}
