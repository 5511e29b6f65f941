package dev.cliproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.amp.AmpSettings;
import dev.cliproxy.keypolicy.KeyPolicyCheck;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.ProviderKind;
import org.junit.jupiter.api.Test;

/** The registry of provider kinds: the shipped list, in provider order, each claim owned once. */
class ProviderKindsTest {

  @Test
  void theShippedKindsComeInProviderOrder() {
    assertThat(ProviderKinds.shipped().all())
        .extracting(ProviderKind::name)
        .containsExactly(
            "gemini-cli",
            "antigravity",
            "openai-compatibility",
            "codex",
            "claude",
            "gemini",
            "vertex");
    assertThat(ProviderKinds.shipped().logins())
        .extracting(LoginFlag::flag)
        .containsExactly(
            "--login",
            "--antigravity-login",
            "--codex-login",
            "--codex-device-login",
            "--claude-login",
            "--vertex-import");
    assertThat(ProviderKinds.shipped().mainLogins())
        .extracting(LoginFlag::flag)
        .containsExactly(
            "--login", "--antigravity-login", "--codex-login", "--claude-login", "--vertex-import");
  }

  @Test
  void accountTypesFindTheirKind() {
    ProviderKinds kinds = ProviderKinds.shipped();
    assertThat(kinds.forAuthFileType("codex"))
        .get()
        .extracting(ProviderKind::name)
        .isEqualTo("codex");
    assertThat(kinds.forAuthFileType("claude"))
        .get()
        .extracting(ProviderKind::name)
        .isEqualTo("claude");
    assertThat(kinds.forAuthFileType("gemini-cli"))
        .get()
        .extracting(ProviderKind::name)
        .isEqualTo("gemini-cli");
    assertThat(kinds.forAuthFileType("antigravity"))
        .get()
        .extracting(ProviderKind::name)
        .isEqualTo("antigravity");
    assertThat(kinds.forAuthFileType("qwen")).isEmpty();
  }

  @Test
  void theShippedSchemaReadsEveryKindsSectionsThenTheAmpManagementMetricsUsageAndWebSocketKeys() {
    assertThat(ProviderKinds.shipped().configLoader().schema().sections())
        .extracting(Object::toString)
        .containsExactly(
            "openai-compatibility",
            "codex-api-key",
            "claude-api-key",
            "gemini-api-key",
            "generative-language-api-key",
            "vertex-api-key",
            "amp-upstream-url",
            "amp-upstream-api-key",
            "amp-restrict-management-to-localhost",
            "amp-model-mappings",
            "ampcode",
            "remote-management",
            "metrics",
            "request-log",
            "error-logs-max-files",
            "logs-max-total-size-mb",
            "usage",
            "usage-statistics-enabled",
            "responses-websocket");
    assertThat(ProviderKinds.shipped().configLoader().schema().checks())
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(
                    AmpSettings.SCHEMA.checks().stream(), KeyPolicyCheck.SCHEMA.checks().stream())
                .toList());
    assertThat(ProviderKinds.shipped().configLoader().schema().endpoints())
        .containsOnlyKeys("gemini-cli", "antigravity", "codex", "claude", "gemini", "vertex");
  }

  @Test
  void theNoConfigNoticeNamesEachKindsMainLogin() {
    ProviderKinds shipped = ProviderKinds.shipped();
    String notice = DefaultsNotice.of(shipped.configLoader().defaults(), shipped);
    assertThat(notice)
        .contains(
            "Add an account with ./cli-proxy-api --login or --antigravity-login or --codex-login"
                + " or --claude-login");
    assertThat(
            DefaultsNotice.of(
                shipped.configLoader().defaults(), ProviderKinds.of(java.util.List.of())))
        .contains("  Create config.yaml (see README)")
        .doesNotContain("--codex-login");
  }

  @Test
  void aKindListedTwiceIsRefusedNamingWhatClashes() {
    ProviderKinds shipped = ProviderKinds.shipped();
    ProviderKind codexAgain = shipped.all().get(3);
    assertThatThrownBy(() -> shipped.plus(codexAgain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("codex");
  }
}
