package dev.cliproxy.auth.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.store.CredentialFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;

/** When the engine refreshes, and what it does with the answer, without any network. */
class RefreshEngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Duration LEAD = Duration.ofHours(4);

  private static CredentialFile file(String json) throws Exception {
    return CredentialFile.of("claude-a@b.json", (ObjectNode) JSON.readTree(json));
  }

  private static TokenRefresher refresher(AtomicInteger calls, CredentialFile answer) {
    return new TokenRefresher() {
      @Override
      public Duration leadTime() {
        return LEAD;
      }

      @Override
      public CredentialFile refresh(CredentialFile current, HttpClient http) {
        calls.incrementAndGet();
        return answer;
      }
    };
  }

  /** Saves go to {@code save}; the disk never changes behind the engine's back. */
  private static RefreshEngine.AccountFiles files(Save save) {
    return new RefreshEngine.AccountFiles() {
      @Override
      public void save(CredentialFile file) throws java.io.IOException {
        save.save(file);
      }

      @Override
      public Optional<CredentialFile> read(String id) {
        return Optional.empty();
      }

      @Override
      public java.io.Closeable lockForRefresh(String id) {
        return () -> {};
      }
    };
  }

  interface Save {
    void save(CredentialFile file) throws java.io.IOException;
  }

  @Test
  void dueWithinTheLeadOfExpiryAndNotBefore() throws Exception {
    CredentialFile in3h =
        file("{\"type\":\"claude\",\"refresh_token\":\"r\",\"expired\":\"2026-11-22T15:00:00Z\"}");
    CredentialFile in5h =
        file("{\"type\":\"claude\",\"refresh_token\":\"r\",\"expired\":\"2026-11-22T17:00:00Z\"}");
    assertThat(RefreshEngine.tokensDue(in3h, Optional.empty(), LEAD, NOW)).isTrue();
    assertThat(RefreshEngine.tokensDue(in5h, Optional.empty(), LEAD, NOW)).isFalse();
  }

  @Test
  void withoutExpiryTheLastRefreshDecidesAndNeitherMeansNow() throws Exception {
    CredentialFile recent =
        file(
            "{\"type\":\"claude\",\"refresh_token\":\"r\","
                + "\"last_refresh\":\"2026-11-22T11:00:00+01:00\"}");
    CredentialFile old =
        file(
            "{\"type\":\"claude\",\"refresh_token\":\"r\",\"last_refresh\":\"2026-11-22T07:00:00Z\"}");
    CredentialFile none = file("{\"type\":\"claude\",\"refresh_token\":\"r\"}");
    assertThat(RefreshEngine.tokensDue(recent, Optional.empty(), LEAD, NOW))
        .as("10:00Z is two hours ago, inside the four-hour lead")
        .isFalse();
    assertThat(RefreshEngine.tokensDue(old, Optional.empty(), LEAD, NOW)).isTrue();
    assertThat(RefreshEngine.tokensDue(old, Optional.of(NOW.minusSeconds(60)), LEAD, NOW))
        .isFalse();
    assertThat(RefreshEngine.tokensDue(none, Optional.empty(), LEAD, NOW)).isTrue();
  }

  @Test
  void anAccountWithoutRefreshTokenOrNeedingLoginIsNeverDue() throws Exception {
    Account noRefresh =
        new Account(file("{\"type\":\"claude\",\"expired\":\"2026-11-22T12:01:00Z\"}"), NOW);
    Account refused =
        new Account(
            file(
                "{\"type\":\"claude\",\"refresh_token\":\"r\","
                    + "\"expired\":\"2026-11-22T12:01:00Z\"}"),
            NOW);
    refused.needsLogin("invalid_grant", NOW);
    TokenRefresher any = refresher(new AtomicInteger(), null);
    assertThat(RefreshEngine.isDue(noRefresh, any, NOW)).isFalse();
    assertThat(RefreshEngine.isDue(refused, any, NOW)).isFalse();
  }

  @Test
  void backOffDoublesFromThirtySecondsToFiveMinutes() {
    assertThat(RefreshEngine.backoff(0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RefreshEngine.backoff(1)).isEqualTo(Duration.ofSeconds(60));
    assertThat(RefreshEngine.backoff(3)).isEqualTo(Duration.ofSeconds(240));
    assertThat(RefreshEngine.backoff(4)).isEqualTo(Duration.ofMinutes(5));
    assertThat(RefreshEngine.backoff(40)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theNewFileIsSavedBeforeRequestsSeeTheNewToken() throws Exception {
    Account account =
        new Account(
            file(
                "{\"type\":\"claude\",\"access_token\":\"old\",\"refresh_token\":\"r1\","
                    + "\"expired\":\"2026-11-22T12:01:00Z\"}"),
            NOW);
    CredentialFile answer =
        file(
            "{\"type\":\"claude\",\"access_token\":\"new\",\"refresh_token\":\"r2\","
                + "\"expired\":\"2026-11-22T20:00:00Z\"}");
    List<String> tokenSeenAtSave = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    RefreshEngine engine =
        new RefreshEngine(
            () -> List.of(account),
            type -> Optional.of(refresher(calls, answer)),
            files(saved ->
                tokenSeenAtSave.add(account.accessToken() + "->" + saved.accessToken().get())),
            a -> null,
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(engine.recover(account, "old")).isTrue();

    assertThat(tokenSeenAtSave).containsExactly("old->new");
    assertThat(account.accessToken()).isEqualTo("new");
    assertThat(account.file().refreshToken()).hasValue("r2");
    assertThat(engine.recover(account, "old")).as("already replaced: no second call").isTrue();
    assertThat(calls).hasValue(1);
  }

  @Test
  void aSaveFailureKeepsTheRotatedTokensInMemoryAndSaysSo() throws Exception {
    Account account =
        new Account(
            file("{\"type\":\"claude\",\"access_token\":\"old\",\"refresh_token\":\"r1\"}"), NOW);
    CredentialFile answer =
        file("{\"type\":\"claude\",\"access_token\":\"new\",\"refresh_token\":\"r2\"}");
    RefreshEngine engine =
        new RefreshEngine(
            () -> List.of(account),
            type -> Optional.of(refresher(new AtomicInteger(), answer)),
            files(saved -> {
              throw new java.io.IOException("disk full");
            }),
            a -> null,
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(engine.recover(account, "old")).isTrue();

    assertThat(account.file().refreshToken()).hasValue("r2");
    assertThat(account.health().message()).contains("could not be saved").contains("disk full");
  }

  @Test
  void listenersHearEachRefreshByProviderAndResult() throws Exception {
    List<String> heard = new ArrayList<>();
    List<Object> answers = new ArrayList<>();
    answers.add(file("{\"type\":\"claude\",\"access_token\":\"new\",\"refresh_token\":\"r2\"}"));
    answers.add(RefreshFailure.transientFailure("timed out", null));
    answers.add(RefreshFailure.permanent("invalid_grant"));
    TokenRefresher scripted =
        new TokenRefresher() {
          @Override
          public Duration leadTime() {
            return LEAD;
          }

          @Override
          public CredentialFile refresh(CredentialFile current, HttpClient http)
              throws RefreshFailure {
            Object next = answers.remove(0);
            if (next instanceof RefreshFailure failure) {
              throw failure;
            }
            return (CredentialFile) next;
          }
        };
    RefreshEngine engine =
        new RefreshEngine(
            List::of,
            type -> Optional.of(scripted),
            files(saved -> {}),
            a -> null,
            Clock.fixed(NOW, ZoneOffset.UTC));
    engine.listen((provider, result) -> heard.add(provider + ":" + result));

    Account refreshed =
        new Account(
            file("{\"type\":\"claude\",\"access_token\":\"a1\",\"refresh_token\":\"r1\"}"), NOW);
    Account failing =
        new Account(
            file("{\"type\":\"claude\",\"access_token\":\"b1\",\"refresh_token\":\"r1\"}"), NOW);
    Account refused =
        new Account(
            file("{\"type\":\"claude\",\"access_token\":\"c1\",\"refresh_token\":\"r1\"}"), NOW);

    assertThat(engine.recover(refreshed, "a1")).isTrue();
    assertThat(engine.recover(failing, "b1")).isFalse();
    assertThat(engine.recover(refused, "c1")).isFalse();

    assertThat(heard).containsExactly("claude:REFRESHED", "claude:FAILED", "claude:NEEDS_LOGIN");
    assertThat(refused.needsLogin()).isTrue();
  }
}
