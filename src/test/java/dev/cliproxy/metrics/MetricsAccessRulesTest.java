package dev.cliproxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.dialect.ProxyException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** The access rules of {@code /metrics}, peer by peer and key by key. */
class MetricsAccessRulesTest {
  private static final MetricsSettings OPEN = MetricsSettings.DEFAULTS;
  private static final MetricsSettings KEYED = new MetricsSettings(true, Optional.of("k-1"));

  private static InetSocketAddress peer(String ip) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), 40_000);
  }

  private static void refused(ThrowableAssert.ThrowingCallable call, int status, String says) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(status);
              assertThat(e.error().message()).contains(says);
            });
  }

  @Test
  void loopbackPeersAreAdmittedWithOrWithoutAKeySet() throws Exception {
    assertThatCode(() -> MetricsAccess.check(OPEN, peer("127.0.0.1"), null))
        .doesNotThrowAnyException();
    assertThatCode(() -> MetricsAccess.check(KEYED, peer("::1"), null)).doesNotThrowAnyException();
  }

  @Test
  void otherPeersNeedTheKeyAsBearer() throws Exception {
    refused(() -> MetricsAccess.check(OPEN, peer("10.0.0.2"), "Bearer k-1"), 403, "metrics.key");
    refused(() -> MetricsAccess.check(KEYED, peer("10.0.0.2"), null), 401, "metrics.key");
    refused(() -> MetricsAccess.check(KEYED, peer("10.0.0.2"), "Bearer k-2"), 401, "metrics.key");
    refused(() -> MetricsAccess.check(KEYED, peer("10.0.0.2"), "Bearer k-1x"), 401, "metrics.key");
    assertThatCode(() -> MetricsAccess.check(KEYED, peer("10.0.0.2"), "Bearer  k-1 "))
        .doesNotThrowAnyException();
  }

  @Test
  void whenOffEveryoneGetsA404NamingTheSwitch() throws Exception {
    MetricsSettings off = new MetricsSettings(false, Optional.of("k-1"));
    refused(() -> MetricsAccess.check(off, peer("127.0.0.1"), null), 404, "metrics.enabled");
    refused(() -> MetricsAccess.check(off, peer("10.0.0.2"), "Bearer k-1"), 404, "metrics.enabled");
  }
}
