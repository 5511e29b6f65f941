package dev.cliproxy.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialFileTest {

  static final String CODEX = "codex-alice@example.com.json";
  static final String CLAUDE = "claude-bob@example.com.json";
  static final String GEMINI = "carol@gmail.com-my-proj-123.json";

  static byte[] sample(String name) throws IOException {
    try (InputStream in = CredentialFileTest.class.getResourceAsStream("/auth-samples/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static String withNewline(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    return text.endsWith("\n") ? text : text + "\n";
  }

  @Test
  void samplesOfEveryProviderRoundTripByteForByte() throws IOException {
    for (String name : List.of(CODEX, CLAUDE, GEMINI)) {
      byte[] original = sample(name);
      CredentialFile file = CredentialFile.parse(name, original);
      assertThat(new String(file.toBytes(), StandardCharsets.UTF_8))
          .as(name)
          .isEqualTo(withNewline(original));
    }
  }

  @Test
  void codexFieldsAreTyped() throws IOException {
    CredentialFile file = CredentialFile.parse(CODEX, sample(CODEX));
    assertThat(file.id()).isEqualTo(CODEX);
    assertThat(file.type()).isEqualTo("codex");
    assertThat(file.provider()).isEqualTo("codex");
    assertThat(file.email()).contains("alice@example.com");
    assertThat(file.label()).isEqualTo("alice@example.com");
    assertThat(file.accessToken()).get().asString().startsWith("eyJ");
    assertThat(file.refreshToken()).contains("rt_FAKEfakeFAKEfakeFAKEfake0123456789");
    assertThat(file.idToken()).isPresent();
    assertThat(file.lastRefresh()).contains("2025-12-01T10:00:00+08:00");
    assertThat(file.expiry()).contains(Instant.parse("2025-12-11T02:00:00Z"));
    assertThat(file.disabled()).isFalse();
    assertThat(file.proxyUrl()).isEmpty();
  }

  @Test
  void claudeHasAnEmptyIdTokenWhichCountsAsAbsent() throws IOException {
    CredentialFile file = CredentialFile.parse(CLAUDE, sample(CLAUDE));
    assertThat(file.provider()).isEqualTo("claude");
    assertThat(file.idToken()).isEmpty();
    assertThat(file.expiry()).contains(Instant.parse("2025-12-01T18:00:00Z"));
  }

  @Test
  void geminiBecomesGeminiCliAndReadsTheNestedToken() throws IOException {
    CredentialFile file = CredentialFile.parse(GEMINI, sample(GEMINI));
    assertThat(file.type()).isEqualTo("gemini");
    assertThat(file.provider()).isEqualTo("gemini-cli");
    assertThat(file.accessToken()).contains("ya29.FAKEfakeFAKEfakeFAKEfake");
    assertThat(file.refreshToken()).contains("1//0FAKEfakeFAKEfakeFAKEfake");
    assertThat(file.expiry()).contains(Instant.parse("2025-12-01T03:00:00.123456789Z"));
  }

  @Test
  void withKeepsUnknownFieldsAndTheirOrder() throws IOException {
    CredentialFile original = CredentialFile.parse(GEMINI, sample(GEMINI));
    CredentialFile updated =
        original
            .with("email", "carol2@gmail.com")
            .with("proxy_url", "socks5://127.0.0.1:1080")
            .with(json ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("token"))
                    .put("access_token", "ya29.NEW"));
    assertThat(fieldNames(updated))
        .containsExactly(
            "auto",
            "checked",
            "email",
            "project_id",
            "token",
            "type",
            "x_future_field",
            "proxy_url");
    assertThat(updated.get("x_future_field").orElseThrow().toString())
        .isEqualTo("{\"weight\":1.50,\"tags\":[\"a\",\"b\"]}");
    assertThat(updated.accessToken()).contains("ya29.NEW");
    assertThat(updated.proxyUrl()).contains("socks5://127.0.0.1:1080");
    // the original is untouched
    assertThat(original.accessToken()).contains("ya29.FAKEfakeFAKEfakeFAKEfake");
    assertThat(original.email()).contains("carol@gmail.com");
    assertThat(CredentialFile.parse(GEMINI, updated.toBytes())).isEqualTo(updated);
  }

  @Test
  void theJsonViewIsACopy() throws IOException {
    CredentialFile file = CredentialFile.parse(CODEX, sample(CODEX));
    file.json().put("type", "changed");
    assertThat(file.type()).isEqualTo("codex");
  }

  @Test
  void toStringNeverShowsATokenAndNorDoErrors() throws IOException {
    CredentialFile file = CredentialFile.parse(CODEX, sample(CODEX));
    assertThat(file.toString()).doesNotContain("rt_", "eyJ").contains(CODEX, "codex");
    String broken = "{\"type\":\"codex\",\"refresh_token\":\"rt_SECRETSECRET\" oops}";
    assertThatThrownBy(
            () -> CredentialFile.parse("x.json", broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CredentialFileException.class)
        .hasMessageStartingWith("x.json: not valid JSON")
        .message()
        .doesNotContain("SECRET");
  }

  @Test
  void rejectsContentThatIsNoCredential() {
    assertThatThrownBy(() -> CredentialFile.parse("e.json", new byte[0]))
        .hasMessage("e.json: the file is empty");
    assertThatThrownBy(() -> CredentialFile.parse("a.json", "[1]".getBytes()))
        .hasMessage("a.json: not a JSON object");
    for (String json : List.of("{}", "{\"type\":\"\"}", "{\"type\":\"  \"}", "{\"type\":3}")) {
      assertThatThrownBy(() -> CredentialFile.parse("t.json", json.getBytes()))
          .as(json)
          .hasMessage("t.json: has no \"type\" (a non-empty string)");
    }
    assertThatThrownBy(() -> CredentialFile.parse("two.json", "{\"type\":\"x\"}{}".getBytes()))
        .hasMessageStartingWith("two.json: not valid JSON");
  }

  @Test
  void anEditThatDropsTheTypeIsRefused() throws IOException {
    CredentialFile file = CredentialFile.parse(CODEX, sample(CODEX));
    assertThatThrownBy(() -> file.without("type")).isInstanceOf(CredentialFileException.class);
    assertThatThrownBy(() -> file.with("type", JsonNodeFactory.instance.nullNode()))
        .isInstanceOf(CredentialFileException.class);
  }

  @Test
  void readsTheDisabledFlagAndUnixTimes() {
    CredentialFile file =
        CredentialFile.parse(
            "k.json",
            "{\"type\":\"Kimi\",\"disabled\":true,\"expires_at\":1764554400000}".getBytes());
    assertThat(file.provider()).isEqualTo("kimi");
    assertThat(file.label()).isEqualTo("kimi");
    assertThat(file.disabled()).isTrue();
    assertThat(file.expiry()).contains(Instant.ofEpochSecond(1764554400L));
    assertThat(
            CredentialFile.parse("s.json", "{\"type\":\"x\",\"expired\":\"1764554400\"}".getBytes())
                .expiry())
        .contains(Instant.ofEpochSecond(1764554400L));
  }

  @Test
  void antigravityExpiryIsExpiredElseTimestampPlusExpiresIn() {
    String issued = "\"timestamp\":1764583200000,\"expires_in\":3599";
    assertThat(
            CredentialFile.parse("a.json", ("{\"type\":\"antigravity\"," + issued + "}").getBytes())
                .expiry())
        .contains(Instant.ofEpochSecond(1764583200L + 3599));
    assertThat(
            CredentialFile.parse(
                    "a.json",
                    ("{\"type\":\"antigravity\",\"expired\":\"2025-12-01T10:00:00Z\","
                            + issued
                            + "}")
                        .getBytes())
                .expiry())
        .contains(Instant.parse("2025-12-01T10:00:00Z"));
  }

  private static List<String> fieldNames(CredentialFile file) {
    List<String> names = new ArrayList<>();
    file.json().fieldNames().forEachRemaining(names::add);
    return names;
  }
}
