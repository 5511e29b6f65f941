package dev.cliproxy.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.testing.MovableClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginBansTest {
  private final MovableClock clock = new MovableClock();
  private final LoginBans bans = new LoginBans(clock);

  @Test
  void theFifthFailureBansForThirtyMinutesThenTheAddressIsFree() throws Exception {
    InetAddress peer = InetAddress.getByName("192.0.2.7");
    for (int i = 0; i < 4; i++) {
      bans.failed(peer);
    }
    assertThat(bans.remaining(peer)).isEmpty();

    bans.failed(peer);
    assertThat(bans.remaining(peer).map(LoginBans::goDuration)).contains("30m0s");

    clock.advance(Duration.ofMinutes(29).plusSeconds(41));
    assertThat(bans.remaining(peer).map(LoginBans::goDuration)).contains("19s");

    clock.advance(Duration.ofSeconds(19));
    assertThat(bans.remaining(peer)).isEmpty();
    bans.failed(peer);
    assertThat(bans.remaining(peer)).as("the count started again after the ban").isEmpty();
  }

  @Test
  void failuresOfOneAddressDoNotBanAnother() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    for (int i = 0; i < 5; i++) {
      bans.failed(a);
    }
    assertThat(bans.remaining(a)).isPresent();
    assertThat(bans.remaining(b)).isEmpty();
  }

  @Test
  void aSuccessClearsTheCount() throws Exception {
    InetAddress peer = InetAddress.getByName("192.0.2.9");
    for (int i = 0; i < 4; i++) {
      bans.failed(peer);
    }
    bans.succeeded(peer);
    for (int i = 0; i < 4; i++) {
      bans.failed(peer);
    }
    assertThat(bans.remaining(peer)).isEmpty();
  }

  @Test
  void durationsPrintAsGoPrintsThem() {
    assertThat(LoginBans.goDuration(Duration.ofMinutes(29).plusSeconds(41))).isEqualTo("29m41s");
    assertThat(LoginBans.goDuration(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(LoginBans.goDuration(Duration.ofMinutes(30))).isEqualTo("30m0s");
    assertThat(LoginBans.goDuration(Duration.ofHours(1).plusSeconds(2))).isEqualTo("1h0m2s");
  }

  @Test
  void theKeyComesFromBearerTheWholeHeaderOrXManagementKey() {
    assertThat(ManagementAccess.presentedKey("Bearer k1", null)).isEqualTo("k1");
    assertThat(ManagementAccess.presentedKey("BEARER k1", "k2")).isEqualTo("k1");
    assertThat(ManagementAccess.presentedKey("k3", null)).isEqualTo("k3");
    assertThat(ManagementAccess.presentedKey(null, " k4 ")).isEqualTo("k4");
    assertThat(ManagementAccess.presentedKey("  ", null)).isEmpty();
  }
}
