package dev.cliproxy.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSnapshotTest {

  private static CredentialFile file(String id, String email) {
    return CredentialFile.parse(
        id, ("{\"type\":\"codex\",\"email\":\"" + email + "\"}").getBytes());
  }

  private static AuthSnapshot of(CredentialFile... files) {
    return new AuthSnapshot(List.of(files), List.of(), Map.of());
  }

  @Test
  void changesNameAddedChangedAndRemovedIds() {
    AuthSnapshot before = of(file("a.json", "a"), file("b.json", "b"), file("c.json", "c"));
    AuthSnapshot after = of(file("a.json", "a"), file("b.json", "b2"), file("d.json", "d"));
    AuthSnapshot.Changes changes = after.changesSince(before);
    assertThat(changes.added()).containsExactly("d.json");
    assertThat(changes.changed()).containsExactly("b.json");
    assertThat(changes.removed()).containsExactly("c.json");
    assertThat(after.changesSince(after).isEmpty()).isTrue();
    assertThat(after.changesSince(AuthSnapshot.EMPTY).added())
        .containsExactly("a.json", "b.json", "d.json");
  }
}
