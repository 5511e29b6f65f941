package dev.cliproxy.amp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The restriction judges the TCP peer's address alone. */
class LocalhostOnlyTest {
  private static InetSocketAddress peer(String ip) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), 50_000);
  }

  @Test
  void theWholeLoopbackRangeAndIpv6LoopbackAreThisMachine() throws Exception {
    assertThat(LocalhostOnly.admits(peer("127.0.0.1"))).isTrue();
    assertThat(LocalhostOnly.admits(peer("127.45.6.7"))).isTrue();
    assertThat(LocalhostOnly.admits(peer("::1"))).isTrue();
    assertThat(LocalhostOnly.admits(peer("::ffff:127.0.0.1"))).isTrue();
  }

  @Test
  void everyOtherPeerIsRefusedAndTheRefusalSaysHowToChangeIt() throws Exception {
    assertThat(LocalhostOnly.admits(peer("10.1.2.3"))).isFalse();
    assertThat(LocalhostOnly.admits(peer("192.168.1.20"))).isFalse();
    assertThat(LocalhostOnly.admits(peer("::ffff:10.0.0.1"))).isFalse();
    assertThat(LocalhostOnly.admits(peer("fe80::1"))).isFalse();
    assertThat(LocalhostOnly.admits(InetSocketAddress.createUnresolved("localhost", 1))).isFalse();
    assertThat(LocalhostOnly.admits(null)).isFalse();
    assertThat(LocalhostOnly.refusal("/api/user").status()).isEqualTo(403);
    assertThat(LocalhostOnly.refusal("/api/user").message())
        .contains("/api/user")
        .contains("restrict-management-to-localhost")
        .contains("false");
  }
}
