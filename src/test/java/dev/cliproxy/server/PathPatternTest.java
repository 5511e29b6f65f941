package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathPatternTest {

  @Test
  void anExactPatternMatchesOnlyItsPath() {
    PathPattern models = PathPattern.of("/v1/models");
    assertThat(models.match("/v1/models")).hasValue(Map.of());
    assertThat(models.match("/v1/models/")).isEmpty();
    assertThat(models.match("/v1/model")).isEmpty();
    assertThat(PathPattern.of("/").match("/")).hasValue(Map.of());
    assertThat(PathPattern.of("/").match("//")).isEmpty();
  }

  @Test
  void aParamIsOneWholeNonEmptySegment() {
    PathPattern messages = PathPattern.of("/api/provider/{provider}/v1/messages");
    assertThat(messages.match("/api/provider/anthropic/v1/messages"))
        .hasValue(Map.of("provider", "anthropic"));
    assertThat(messages.match("/api/provider//v1/messages")).isEmpty();
    assertThat(messages.match("/api/provider/a/b/v1/messages")).isEmpty();
  }

  @Test
  void aParamMayEndInALiteralSuffix() {
    PathPattern generate = PathPattern.of("/v1beta/models/{model}:generateContent");
    assertThat(generate.match("/v1beta/models/gemini-2.5-pro:generateContent"))
        .hasValue(Map.of("model", "gemini-2.5-pro"));
    assertThat(generate.match("/v1beta/models/a:b:generateContent"))
        .hasValue(Map.of("model", "a:b"));
    assertThat(generate.match("/v1beta/models/:generateContent")).isEmpty();
    assertThat(generate.match("/v1beta/models/m:streamGenerateContent")).isEmpty();
  }

  @Test
  void aParamMayFollowALiteralEndingInAColonAsInGooglesCustomMethods() {
    PathPattern method = PathPattern.of("/v1internal:{method}");
    assertThat(method.match("/v1internal:loadCodeAssist"))
        .hasValue(Map.of("method", "loadCodeAssist"));
    assertThat(method.match("/v1internal:")).isEmpty();
    assertThat(method.match("/v1beta:loadCodeAssist")).isEmpty();
    assertThat(method.match("/v1internal:a/b")).isEmpty();
  }

  @Test
  void aPrefixMatchesItselfAndEverythingBelowByWholeSegments() {
    PathPattern management = PathPattern.of("/v0/management/*");
    assertThat(management.match("/v0/management")).hasValue(Map.of(PathPattern.REST, ""));
    assertThat(management.match("/v0/management/auth-files/x.json"))
        .hasValue(Map.of(PathPattern.REST, "auth-files/x.json"));
    assertThat(management.match("/v0/managementx")).isEmpty();
    assertThat(
            PathPattern.of("/api/provider/{provider}/v1beta1/*").match("/api/provider/g/v1beta1/x"))
        .hasValue(Map.of("provider", "g", PathPattern.REST, "x"));
    assertThat(PathPattern.of("/*").match("/anything/at/all"))
        .hasValue(Map.of(PathPattern.REST, "anything/at/all"));
  }

  @Test
  void aMalformedPatternIsRefusedWithItsText() {
    assertThatThrownBy(() -> PathPattern.of("v1/models")).hasMessageContaining("v1/models");
    assertThatThrownBy(() -> PathPattern.of("/a/*/b")).hasMessageContaining("/a/*/b");
    assertThatThrownBy(() -> PathPattern.of("/a/{x}/{x}")).hasMessageContaining("{x} twice");
    assertThatThrownBy(() -> PathPattern.of("/a/pre{x}")).hasMessageContaining("pre{x}");
  }
}
