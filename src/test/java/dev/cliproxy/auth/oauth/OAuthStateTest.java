package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OAuthStateTest {
  @Test
  void generatesThirtyTwoHexCharactersThatDiffer() {
    OAuthState a = OAuthState.generate();
    OAuthState b = OAuthState.generate();

    assertThat(a.value()).matches("[0-9a-f]{32}");
    assertThat(a.value()).isNotEqualTo(b.value());
  }

  @Test
  void matchesOnlyItsOwnValue() {
    OAuthState state = OAuthState.generate();

    assertThat(state.matches(state.value())).isTrue();
    assertThat(state.matches(OAuthState.generate().value())).isFalse();
    assertThat(state.matches(state.value() + "x")).isFalse();
    assertThat(state.matches("")).isFalse();
    assertThat(state.matches(null)).isFalse();
  }

  @Test
  void checkNamesTheProblemWithoutTheValues() {
    OAuthState state = OAuthState.generate();
    String other = OAuthState.generate().value();

    assertThatThrownBy(() -> state.check(other))
        .hasMessageContaining("state parameter is invalid")
        .hasMessageNotContaining(other)
        .hasMessageNotContaining(state.value());
    state.check(state.value());
    assertThat(state.toString()).doesNotContain(state.value());
  }
}
