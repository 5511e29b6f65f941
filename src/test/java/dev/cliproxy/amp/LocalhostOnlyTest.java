package dev.cliproxy.amp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The refusal says how to change the restriction. */
class LocalhostOnlyTest {
  @Test
  void theRefusalIsA403NamingTheRouteAndTheSetting() {
    assertThat(LocalhostOnly.refusal("/api/user").status()).isEqualTo(403);
    assertThat(LocalhostOnly.refusal("/api/user").message())
        .contains("/api/user")
        .contains("restrict-management-to-localhost")
        .contains("false");
  }
}
