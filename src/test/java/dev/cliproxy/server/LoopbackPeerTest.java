package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** This machine is judged by the TCP peer's address alone. */
class LoopbackPeerTest {
  private static InetSocketAddress peer(String ip) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), 50_000);
  }

  @Test
  void theWholeLoopbackRangeAndIpv6LoopbackAreThisMachine() throws Exception {
    assertThat(LoopbackPeer.admits(peer("127.0.0.1"))).isTrue();
    assertThat(LoopbackPeer.admits(peer("127.45.6.7"))).isTrue();
    assertThat(LoopbackPeer.admits(peer("::1"))).isTrue();
    assertThat(LoopbackPeer.admits(peer("::ffff:127.0.0.1"))).isTrue();
  }

  @Test
  void everyOtherPeerIsElsewhere() throws Exception {
    assertThat(LoopbackPeer.admits(peer("10.1.2.3"))).isFalse();
    assertThat(LoopbackPeer.admits(peer("192.168.1.20"))).isFalse();
    assertThat(LoopbackPeer.admits(peer("::ffff:10.0.0.1"))).isFalse();
    assertThat(LoopbackPeer.admits(peer("fe80::1"))).isFalse();
    assertThat(LoopbackPeer.admits(InetSocketAddress.createUnresolved("localhost", 1))).isFalse();
    assertThat(LoopbackPeer.admits(null)).isFalse();
  }
}
