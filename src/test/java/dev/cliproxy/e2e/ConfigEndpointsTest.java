package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.management.BcryptHash;
import dev.cliproxy.testing.LogCapture;
import dev.cliproxy.testing.ManagementClient;
import dev.cliproxy.testing.ManagementClient.Answer;
import dev.cliproxy.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config as a whole and its scalars through the real proxy over HTTP: what the answers say,
 * what the file holds after, and what the running proxy does after. The management key is written
 * in plaintext and must be a hash in the file once the proxy started.
 */
class ConfigEndpointsTest {
  private static final String KEY = "mgmt-plain-1";
  private static final Duration AWAIT = Duration.ofSeconds(10);
  private static final Pattern HASH_LINE =
      Pattern.compile("secret-key: \"?(\\$2[aby]\\$[^\"\\s]+)\"?");

  @TempDir Path dir;
  private RunningProxy proxy;
  private ManagementClient api;
  private LogCapture logs;

  @BeforeEach
  void start() throws Exception {
    proxy =
        RunningProxy.start(
            dir,
            """
            # my proxy
            api-keys:
              - client-1 # laptop
            remote-management:
              # the key the web UI logs in with
              secret-key: "mgmt-plain-1"
            debug: false
            """);
    api = new ManagementClient(proxy, KEY);
    logs = LogCapture.onRoot();
  }

  @AfterEach
  void stop() {
    if (logs != null) {
      logs.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private String file() throws Exception {
    return Files.readString(dir.resolve("config.yaml"));
  }

  private long reloads() {
    return logs.lines().stream().filter(l -> l.contains("config reloaded: ")).count();
  }

  @Test
  void thePlaintextKeyIsAHashInTheFileAfterStartAndStillLogsIn() throws Exception {
    String file = file();
    Matcher hash = HASH_LINE.matcher(file);

    assertThat(hash.find()).as(file).isTrue();
    assertThat(BcryptHash.is(hash.group(1))).isTrue();
    assertThat(file).doesNotContain(KEY);
    assertThat(file)
        .contains("# my proxy\n")
        .contains("  - client-1 # laptop\n")
        .contains("  # the key the web UI logs in with\n");
    assertThat(api.get("/config").status()).isEqualTo(200);
    assertThat(new ManagementClient(proxy, "wrong").get("/config").status()).isEqualTo(401);
  }

  @Test
  void aPlaintextKeyWrittenLaterIsHashedOnItsReloadWithoutASecondReload() throws Exception {
    proxy.rewriteConfig("api-keys: [client-1]\nremote-management:\n  secret-key: other-key-2\n");

    assertThat(
            RunningProxy.eventually(
                AWAIT, () -> new ManagementClient(proxy, "other-key-2").getStatus("/debug") == 200))
        .isTrue();
    assertThat(HASH_LINE.matcher(file()).find()).isTrue();
    assertThat(file()).doesNotContain("other-key-2");
    assertThat(reloads()).isEqualTo(1);
    // A later outside change is the next reload: the hash written back was not reloaded.
    String hashed = file();
    proxy.writeRaw(hashed.replace("api-keys: [client-1]", "api-keys: [client-9]"));
    assertThat(RunningProxy.eventually(AWAIT, () -> reloads() >= 2)).isTrue();
    assertThat(reloads()).isEqualTo(2);
  }

  @Test
  void getConfigShowsTheFileInTheReferencesShapeWithoutPortAuthDirOrTheKey() throws Exception {
    Answer config = api.get("/config");

    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().has("port")).isFalse();
    assertThat(config.json().has("auth-dir")).isFalse();
    assertThat(config.json().has("remote-management")).isFalse();
    assertThat(config.body()).doesNotContain("$2a$").doesNotContain(KEY);
    assertThat(config.json().path("api-keys").get(0).asText()).isEqualTo("client-1");
    assertThat(config.json().path("debug").isBoolean()).isTrue();
    assertThat(config.json().path("request-retry").asInt(-1)).isZero();
    assertThat(config.json().path("proxy-url").asText("absent")).isEmpty();
  }

  @Test
  void getConfigYamlIsTheFileAsItIs() throws Exception {
    Answer yaml = api.get("/config.yaml");

    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.body()).isEqualTo(file());
    assertThat(yaml.response().headers().firstValue("Content-Type"))
        .contains("application/yaml; charset=utf-8");
    assertThat(yaml.response().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(yaml.response().headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void putConfigYamlReplacesTheFileAndIsLiveWhenAnswered() throws Exception {
    String next = file().replace("  - client-1 # laptop", "  - client-2 # new laptop");

    Answer put = api.putYaml("/config.yaml", next);

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().toString()).isEqualTo("{\"ok\":true,\"changed\":[\"config\"]}");
    assertThat(file()).isEqualTo(next);
    assertThat(api.get("/api-keys").json().path("api-keys").toString()).isEqualTo("[\"client-2\"]");
    assertThat(reloads()).isEqualTo(1);
  }

  @Test
  void aPutPlaintextKeyIsStoredAsItsHash() throws Exception {
    String next = file().replaceAll("secret-key: \"[^\"]+\"", "secret-key: \"new-key-3\"");

    assertThat(api.putYaml("/config.yaml", next).status()).isEqualTo(200);

    assertThat(file()).doesNotContain("new-key-3");
    assertThat(HASH_LINE.matcher(file()).find()).isTrue();
    assertThat(new ManagementClient(proxy, "new-key-3").get("/debug").status()).isEqualTo(200);
  }

  @Test
  void aPutThatIsNotYamlIs400AndAnInvalidConfig422AndTheFileStaysByteForByte() throws Exception {
    byte[] before = Files.readAllBytes(dir.resolve("config.yaml"));

    Answer syntax = api.putYaml("/config.yaml", "api-keys: [client-1\n");
    Answer invalid = api.putYaml("/config.yaml", "port: high\n");
    Answer empty = api.putYaml("/config.yaml", "");

    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.error()).isEqualTo("invalid_yaml");
    assertThat(syntax.json().path("message").asText()).contains("line");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.error()).isEqualTo("invalid_config");
    assertThat(invalid.json().path("message").asText()).contains("port").contains("integer");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(Files.readAllBytes(dir.resolve("config.yaml"))).isEqualTo(before);
    assertThat(reloads()).isZero();
  }

  @Test
  void aFileBrokenByHandStillLetsTheWebUiInToReplaceIt() throws Exception {
    String broken = file() + "debug: [\n";
    proxy.writeRaw(broken);
    assertThat(
            RunningProxy.eventually(
                AWAIT,
                () -> logs.lines().stream().anyMatch(l -> l.contains("config reload rejected"))))
        .isTrue();

    assertThat(api.get("/config").status()).isEqualTo(200);
    assertThat(api.get("/config.yaml").body()).isEqualTo(broken);
    Answer edit = api.put("/debug", "{\"value\":true}");
    assertThat(edit.status()).isEqualTo(422);
    assertThat(edit.json().path("message").asText()).contains("line");
    assertThat(api.putYaml("/config.yaml", broken.replace("debug: [\n", "")).status())
        .isEqualTo(200);
    assertThat(api.put("/debug", "{\"value\":true}").status()).isEqualTo(200);
  }

  @Test
  void aScalarIsReadSetAndLiveAndOnlyItsLineChanges() throws Exception {
    String before = file();

    assertThat(api.get("/debug").json().toString()).isEqualTo("{\"debug\":false}");
    Answer put = api.put("/debug", "{\"value\":true}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().toString()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(api.get("/debug").json().toString()).isEqualTo("{\"debug\":true}");
    assertThat(file()).isEqualTo(before.replace("debug: false", "debug: true"));
    assertThat(proxy.app().gateway().snapshot().config().debug()).isTrue();

    assertThat(api.patch("/request-retry", "{\"value\":3}").status()).isEqualTo(200);
    assertThat(api.get("/request-retry").json().toString()).isEqualTo("{\"request-retry\":3}");
    assertThat(api.put("/max-retry-interval", "{\"value\":30}").status()).isEqualTo(200);
    assertThat(proxy.app().gateway().snapshot().config().maxRetryIntervalSeconds()).isEqualTo(30);
    assertThat(api.put("/logging-to-file", "{\"value\":false}").status()).isEqualTo(200);
    assertThat(file()).contains("request-retry: 3\n").contains("max-retry-interval: 30\n");
  }

  @Test
  void theProxyUrlIsSetAndDeleted() throws Exception {
    assertThat(api.put("/proxy-url", "{\"value\":\"http://127.0.0.1:3128\"}").status())
        .isEqualTo(200);
    assertThat(api.get("/proxy-url").json().toString())
        .isEqualTo("{\"proxy-url\":\"http://127.0.0.1:3128\"}");
    assertThat(proxy.app().gateway().snapshot().config().proxyUrl()).isPresent();

    assertThat(api.delete("/proxy-url").status()).isEqualTo(200);
    assertThat(api.get("/proxy-url").json().toString()).isEqualTo("{\"proxy-url\":\"\"}");
    assertThat(proxy.app().gateway().snapshot().config().proxyUrl()).isEmpty();
  }

  @Test
  void aWrongScalarIs400AnInvalidOne422AndTheFileStays() throws Exception {
    byte[] before = Files.readAllBytes(dir.resolve("config.yaml"));

    Answer wrongType = api.put("/debug", "{\"value\":\"yes\"}");
    Answer noValue = api.put("/request-retry", "{}");
    Answer notJson = api.put("/debug", "true!");
    Answer negative = api.put("/request-retry", "{\"value\":-1}");
    Answer badProxy = api.put("/proxy-url", "{\"value\":\"ftp://127.0.0.1\"}");

    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.error()).isEqualTo("invalid body");
    assertThat(noValue.status()).isEqualTo(400);
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(negative.status()).isEqualTo(422);
    assertThat(negative.json().path("message").asText()).contains("request-retry");
    assertThat(badProxy.status()).isEqualTo(422);
    assertThat(Files.readAllBytes(dir.resolve("config.yaml"))).isEqualTo(before);
  }

  @Test
  void scalarsThisProxyDoesNotHaveAre404AsNotSupported() throws Exception {
    for (String path :
        new String[] {"/ws-auth", "/usage-statistics-enabled", "/routing/strategy"}) {
      Answer answer = api.get(path);
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.json().has("error")).isTrue();
    }
  }
}
