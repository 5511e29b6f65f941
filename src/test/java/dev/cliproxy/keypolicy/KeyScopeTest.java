package dev.cliproxy.keypolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.ClientKeyPolicy;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.gateway.ModelCatalog;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.openaicompat.OpenAiCompatProvider;
import dev.cliproxy.provider.openaicompat.OpenAiCompatibility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyScopeTest {

  private static ClientKeyPolicy bound(String... groups) {
    return new ClientKeyPolicy(
        "k", "", List.of(), List.of(), List.of(groups), ClientKeyPolicy.Limits.NONE);
  }

  private static Provider provider(String name) {
    return OpenAiCompatProvider.from(
        new OpenAiCompatibility(name, "http://127.0.0.1:9", Map.of(), List.of(), List.of()));
  }

  @Test
  void aProviderAllowListDropsOtherProvidersAndRefusesWhenNoneIsLeft() {
    Credential c = new Credential("c", "p", "c", "kc", Optional.empty());
    List<ModelCatalog.Route> routes =
        List.of(
            new ModelCatalog.Route(provider("p"), "m", List.of(c)),
            new ModelCatalog.Route(provider("q"), "m", List.of(c)));
    ClientKeyPolicy onlyQ =
        new ClientKeyPolicy(
            "k", "", List.of(), List.of("q"), List.of(), ClientKeyPolicy.Limits.NONE);
    ClientKeyPolicy onlyZ =
        new ClientKeyPolicy(
            "k", "", List.of(), List.of("z"), List.of(), ClientKeyPolicy.Limits.NONE);

    assertThat(KeyScope.routes(onlyQ, "key-x", "m", routes))
        .extracting(r -> r.provider().key())
        .containsExactly("q");
    ProxyException refused =
        catchThrowableOfType(
            ProxyException.class, () -> KeyScope.routes(onlyZ, "key-x", "m", routes));
    assertThat(refused.error().status()).isEqualTo(403);
    assertThat(refused.error().message()).contains("served by p, q");
  }

  @Test
  void anAuthFilesCredentialGroupIsItsCredentialsGroup() {
    Account account =
        new Account(
            CredentialFile.parse(
                "codex-a.json",
                "{\"type\":\"codex\",\"access_token\":\"t\",\"credential_group\":\" pool-a \"}"
                    .getBytes(StandardCharsets.UTF_8)),
            Instant.EPOCH);

    assertThat(Credential.forAccount(account, ModelPatterns.NONE).group()).isEqualTo("pool-a");
  }

  @Test
  void aBoundKeyKeepsOnlyItsGroupsCredentialsAndRoutes() {
    Credential a = new Credential("a", "p", "a", "ka", Optional.empty()).inGroup("pool-a");
    Credential b = new Credential("b", "p", "b", "kb", Optional.empty()).inGroup("pool-b");
    Credential none = new Credential("n", "q", "n", "kn", Optional.empty());
    Provider p = provider("p");
    Provider q = provider("q");
    List<ModelCatalog.Route> routes =
        List.of(
            new ModelCatalog.Route(p, "m", List.of(a, b)),
            new ModelCatalog.Route(q, "m", List.of(none)));

    List<ModelCatalog.Route> scoped = KeyScope.routes(bound("pool-b"), "key-x", "m", routes);

    assertThat(scoped).hasSize(1);
    assertThat(scoped.get(0).credentials()).containsExactly(b);
    ProxyException refused =
        catchThrowableOfType(
            ProxyException.class, () -> KeyScope.routes(bound("pool-z"), "key-x", "m", routes));
    assertThat(refused.error().status()).isEqualTo(503);
    assertThat(refused.error().message()).contains("pool-z", "never used for this key");
    assertThat(KeyScope.routes(bound(), "key-x", "m", routes)).isEqualTo(routes);
  }
}
