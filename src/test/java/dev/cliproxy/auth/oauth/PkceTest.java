package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PkceTest {
  @Test
  void challengeMatchesRfc7636AppendixB() {
    Pkce pkce = Pkce.fromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

    assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void generatedVerifierIsUnreservedAndOfTheAskedLength() {
    for (int length : new int[] {43, 64, 127, 128}) {
      Pkce pkce = Pkce.generate(length);
      assertThat(pkce.verifier()).hasSize(length).matches("[A-Za-z0-9\\-._~]+");
      assertThat(pkce.challenge())
          .hasSize(43)
          .doesNotContain("=")
          .isEqualTo(Pkce.challengeOf(pkce.verifier()));
    }
    assertThat(Pkce.generate().verifier()).hasSize(128);
    assertThat(Pkce.generate().verifier()).isNotEqualTo(Pkce.generate().verifier());
  }

  @Test
  void rejectsVerifiersOutsideRfcLimits() {
    assertThatThrownBy(() -> Pkce.generate(42)).hasMessageContaining("43 to 128");
    assertThatThrownBy(() -> Pkce.generate(129)).hasMessageContaining("43 to 128");
    assertThatThrownBy(() -> Pkce.fromVerifier("short")).hasMessageContaining("43 to 128");
    assertThatThrownBy(() -> Pkce.fromVerifier("a".repeat(42) + "/"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringHidesTheVerifier() {
    Pkce pkce = Pkce.generate();
    assertThat(pkce.toString()).doesNotContain(pkce.verifier()).contains(pkce.challenge());
  }
}
