package dev.cliproxy.logs;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.provider.Provider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every secret a snapshot holds: its client keys, its credentials' keys and tokens, and its
 * accounts' refresh and id tokens. A log masks each wherever it appears, even in a body sent to
 * another upstream. Read on the writer's thread, and kept for as long as the snapshot is the same.
 */
final class KnownSecrets {
  private RuntimeSnapshot snapshot;
  private List<String> secrets = List.of();

  /** The secrets of {@code of}, from the last call's list when it is the same snapshot. */
  List<String> of(RuntimeSnapshot of) {
    if (of != snapshot) {
      snapshot = of;
      secrets = read(of);
    }
    return secrets;
  }

  private static List<String> read(RuntimeSnapshot snapshot) {
    Set<String> all = new LinkedHashSet<>(snapshot.config().apiKeys());
    for (Provider provider : snapshot.providers()) {
      for (Credential credential : provider.credentials()) {
        all.add(credential.token());
        credential
            .account()
            .ifPresent(account -> {
              account.file().refreshToken().ifPresent(all::add);
              account.file().idToken().ifPresent(all::add);
              account.file().accessToken().ifPresent(all::add);
            });
      }
    }
    all.remove("");
    return new ArrayList<>(all);
  }
}
