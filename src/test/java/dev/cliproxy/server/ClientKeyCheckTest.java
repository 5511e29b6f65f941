package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.gateway.RuntimeSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientKeyCheckTest {
  @TempDir Path dir;

  @Test
  void aRequestIsCheckedAgainstItsOwnSnapshotsKeysWhileReloadsSwapThem() throws Exception {
    // Requests that started before a reload (snapshot a) and after it (snapshot b) are checked at
    // the same time; each must meet the keys of its own snapshot. A key check that caches keys
    // beside the snapshot they came from can pair one request's snapshot with the other's keys.
    RuntimeSnapshot a = snapshot("key-a");
    RuntimeSnapshot b = snapshot("key-b");
    ClientKeyCheck check = new ClientKeyCheck();
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(4);
    long deadline = System.nanoTime() + 3_000_000_000L;
    List<Thread> requests = new ArrayList<>();
    for (RuntimeSnapshot own : List.of(a, b, a, b)) {
      String key = own == a ? "key-a" : "key-b";
      HttpFields headers = HttpFields.build().add("Authorization", "Bearer " + key);
      requests.add(
          Thread.ofPlatform()
              .start(() -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; System.nanoTime() < deadline && wrong.isEmpty(); i++) {
                  try {
                    check.admit(headers, null, own);
                  } catch (ProxyException e) {
                    wrong.add(key + " refused at request " + i + ": " + e.error().code());
                  }
                }
              }));
    }
    for (Thread request : requests) {
      request.join();
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aReloadThatDropsAKeyRefusesItAtOnce() {
    ClientKeyCheck check = new ClientKeyCheck();
    HttpFields old = HttpFields.build().add("x-api-key", "key-a");
    check.admit(old, null, snapshot("key-a"));
    assertThatThrownBy(() -> check.admit(old, null, snapshot("key-b")))
        .isInstanceOfSatisfying(
            ProxyException.class, e -> assertThat(e.error().code()).isEqualTo("invalid_api_key"));
  }

  @Test
  void anAdmittedRequestCarriesAFingerprintOfItsKeyNeverTheKey() {
    ClientKeyCheck check = new ClientKeyCheck();
    RuntimeSnapshot keys =
        new RuntimeSnapshot(
            new ConfigLoader(ConfigSchema.EMPTY)
                .parse("api-keys: [sk-team-one, sk-team-two]\n", dir)
                .config(),
            List.of(),
            Instant.now());
    HttpFields one = HttpFields.build().add("Authorization", "Bearer sk-team-one");
    HttpFields oneAgain = HttpFields.build().add("x-api-key", "sk-team-one");
    HttpFields two = HttpFields.build().add("x-goog-api-key", "sk-team-two");

    String first = check.admit(one, null, keys).orElseThrow();
    assertThat(first).matches("key-[0-9a-f]{12}").doesNotContain("team");
    assertThat(check.admit(oneAgain, null, keys)).hasValue(first);
    assertThat(check.admit(two, null, keys)).isPresent().isNotEqualTo(java.util.Optional.of(first));
    assertThat(check.admit(HttpFields.EMPTY, null, snapshotWithoutKeys())).isEmpty();
  }

  private RuntimeSnapshot snapshotWithoutKeys() {
    return new RuntimeSnapshot(
        new ConfigLoader(ConfigSchema.EMPTY).parse("", dir).config(), List.of(), Instant.now());
  }

  private RuntimeSnapshot snapshot(String key) {
    return new RuntimeSnapshot(
        new ConfigLoader(ConfigSchema.EMPTY).parse("api-keys: [" + key + "]\n", dir).config(),
        List.of(),
        Instant.now());
  }
}
