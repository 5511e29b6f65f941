package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.RunningProxy;
import dev.cliproxy.toy.ToyKind;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credential groups of auth-dir accounts: two accounts of one kind, each file with its own {@code
 * credential_group}; a client key bound to one group is served by that account only.
 */
class KeyGroupAccountsTest {
  @TempDir Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private int chat(String key) throws Exception {
    HttpResponse<String> answer =
        proxy.send(
            proxy
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\""
                        + ToyKind.ACCOUNT_MODEL
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("Authorization", "Bearer " + key));
    return answer.statusCode();
  }

  private long sentWith(String token) {
    return upstream.received().stream()
        .filter(r -> ("Bearer " + token).equals(r.header("Authorization")))
        .count();
  }

  @Test
  void aKeyBoundToAnAccountsGroupIsServedByThatAccountOnly() throws Exception {
    upstream = FakeOpenAiUpstream.start("toy-upstream");
    Path auth = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(
        auth.resolve("toy-a.json"),
        "{\"type\":\"toy\",\"access_token\":\"token-a\",\"credential_group\":\"pool-a\"}");
    Files.writeString(
        auth.resolve("toy-b.json"),
        "{\"type\":\"toy\",\"access_token\":\"token-b\",\"credential_group\":\"pool-b\"}");
    proxy =
        RunningProxy.start(
            dir,
            "api-keys:\n  - open-key\n  - {key: b-key, credential-groups: [pool-b]}\n"
                + "endpoints:\n  toy:\n    api: "
                + upstream.baseUrl()
                + "\n",
            ProxyWiring.standard().withKind(new ToyKind()));

    for (int i = 0; i < 4; i++) {
      assertThat(chat("open-key")).isEqualTo(200);
    }
    assertThat(sentWith("token-a")).as("an unbound key is served by both accounts").isPositive();
    long beforeA = sentWith("token-a");
    for (int i = 0; i < 4; i++) {
      assertThat(chat("b-key")).isEqualTo(200);
    }

    assertThat(sentWith("token-a")).isEqualTo(beforeA);
    assertThat(sentWith("token-b")).isEqualTo(upstream.received().size() - beforeA);
  }
}
