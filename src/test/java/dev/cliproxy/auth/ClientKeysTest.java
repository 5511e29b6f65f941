package dev.cliproxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientKeysTest {

  @Test
  void noKeysLetEveryClientIn() {
    ClientKeys none = ClientKeys.of(List.of());
    assertThat(none.required()).isFalse();
    assertThat(none.check(null)).isEqualTo(ClientKeys.Verdict.ALLOWED);
  }

  @Test
  void anyConfiguredKeyIsAllowedAndNothingElse() {
    ClientKeys keys = ClientKeys.of(List.of("first", "second"));
    assertThat(keys.required()).isTrue();
    assertThat(keys.check("second")).isEqualTo(ClientKeys.Verdict.ALLOWED);
    assertThat(keys.check("secon")).isEqualTo(ClientKeys.Verdict.INVALID);
    assertThat(keys.check("")).isEqualTo(ClientKeys.Verdict.MISSING);
    assertThat(keys.check(null)).isEqualTo(ClientKeys.Verdict.MISSING);
  }
}
