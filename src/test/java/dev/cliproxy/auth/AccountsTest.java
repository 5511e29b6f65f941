package dev.cliproxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.store.AuthSnapshot;
import dev.cliproxy.auth.store.CredentialFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The accounts' status, as a status page or metrics will read it. */
class AccountsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static CredentialFile file(String name, String json) {
    return CredentialFile.parse(name, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void statusNamesEachFileWithItsTypeEmailExpiryAndHealthButNoToken() {
    Accounts accounts = new Accounts();
    CredentialFile codex =
        file(
            "codex-a@x.com.json",
            "{\"type\":\"codex\",\"email\":\"a@x.com\",\"access_token\":\"at-secret\","
                + "\"refresh_token\":\"rt-secret\",\"expired\":\"2026-12-05T10:00:00Z\"}");
    CredentialFile claude = file("claude-b.json", "{\"type\":\"claude\",\"access_token\":\"at2\"}");
    accounts.apply(
        new AuthSnapshot(List.of(codex, claude), List.of(), Map.of()), Path.of("/srv/auth"), NOW);
    accounts.all().stream()
        .filter(a -> a.id().equals("claude-b.json"))
        .forEach(a -> a.needsLogin("the refresh token was refused (invalid_grant)", NOW));

    List<AccountStatus> status = accounts.status();

    assertThat(status)
        .extracting(AccountStatus::fileName, AccountStatus::type, AccountStatus::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("codex-a@x.com.json", "codex", Account.State.READY),
            org.assertj.core.groups.Tuple.tuple(
                "claude-b.json", "claude", Account.State.NEEDS_LOGIN));
    AccountStatus a =
        status.stream().filter(s -> s.type().equals("codex")).findFirst().orElseThrow();
    assertThat(a.email()).hasValue("a@x.com");
    assertThat(a.expiry()).hasValue(Instant.parse("2026-12-05T10:00:00Z"));
    assertThat(a.lastRefresh()).isEmpty();
    AccountStatus b =
        status.stream().filter(s -> s.type().equals("claude")).findFirst().orElseThrow();
    assertThat(b.email()).isEqualTo(Optional.empty());
    assertThat(b.message()).contains("invalid_grant");
    assertThat(status.toString()).doesNotContain("secret", "at2");
  }

  @Test
  void anAccountKeepsItsAuthIndexAcrossEditsAndTakesTheNewOneWhenTheDirectoryMoves() {
    Accounts accounts = new Accounts();
    CredentialFile before =
        file("codex-a@b.com.json", "{\"type\":\"codex\",\"access_token\":\"a\"}");
    CredentialFile edited =
        file("codex-a@b.com.json", "{\"type\":\"codex\",\"access_token\":\"b\"}");
    accounts.apply(
        new AuthSnapshot(List.of(before), List.of(), Map.of()), Path.of("/srv/auth"), NOW);
    Account account = accounts.all().get(0);
    assertThat(account.authIndex()).isEqualTo("14b699c6eb0d5698");

    accounts.apply(
        new AuthSnapshot(List.of(edited), List.of(), Map.of()), Path.of("/srv/auth"), NOW);
    assertThat(accounts.all().get(0)).isSameAs(account);
    assertThat(account.authIndex()).isEqualTo("14b699c6eb0d5698");

    accounts.apply(
        new AuthSnapshot(List.of(edited), List.of(), Map.of()), Path.of("/srv/moved"), NOW);
    assertThat(account.authIndex())
        .isEqualTo(AuthIndex.forFile("codex", Path.of("/srv/moved/codex-a@b.com.json")))
        .isNotEqualTo("14b699c6eb0d5698");
  }
}
