package dev.cliproxy.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.CredentialStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthFileEntriesTest {
  private static final Instant T = Instant.parse("2026-12-04T03:00:00Z");

  private static CredentialStatus status(
      String id, CredentialStatus.State state, List<CredentialStatus.ModelRest> rests) {
    return new CredentialStatus(
        id, "gemini-cli", id, state, "", rests, Optional.empty(), 1, Optional.empty());
  }

  @Test
  void aGeminiFileWithSeveralProjectsIsOneEntryWithItsWorstStateAndEveryRest() {
    CredentialStatus.ModelRest rest =
        new CredentialStatus.ModelRest("gemini-2.5-pro", T.plusSeconds(60), 429, true);
    List<CredentialStatus> projects =
        List.of(
            status("gemini-me.json::proj-a", CredentialStatus.State.READY, List.of()),
            status("gemini-me.json::proj-b", CredentialStatus.State.RESTING, List.of(rest)));

    CredentialStatus merged = AuthFileEntries.merged(projects).orElseThrow();

    assertThat(projects).extracting(AuthFileEntries::fileOf).containsOnly("gemini-me.json");
    assertThat(merged.id()).isEqualTo("gemini-me.json");
    assertThat(merged.state()).isEqualTo(CredentialStatus.State.RESTING);
    assertThat(merged.resting()).containsExactly(rest);
    assertThat(merged.inFlight()).isEqualTo(2);
  }

  @Test
  void aPlainCredentialIsItsOwnFile() {
    CredentialStatus one = status("codex-a.json", CredentialStatus.State.READY, List.of());

    assertThat(AuthFileEntries.fileOf(one)).isEqualTo("codex-a.json");
    assertThat(AuthFileEntries.merged(List.of(one))).contains(one);
    assertThat(AuthFileEntries.merged(List.of())).isEmpty();
  }
}
