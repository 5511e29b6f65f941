package dev.cliproxy.gateway;

import static dev.cliproxy.gateway.ChainFixture.NOW;
import static dev.cliproxy.gateway.ChainFixture.chat;
import static dev.cliproxy.gateway.ChainFixture.completion;
import static dev.cliproxy.gateway.FakeUpstreamClient.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.CredentialStatus;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.openaicompat.OpenAiCompatFailures;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the gateway does with a credential its upstream refused with 401, read by a real provider
 * reader: an API key is disabled with the upstream's reason, an account is refreshed and rested.
 */
class RefusedCredentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INVALID_KEY =
      """
      {"error":{"message":"Incorrect API key provided: sk-bad. You can find your API key at \
      https://platform.openai.com/account/api-keys.","type":"invalid_request_error",\
      "param":null,"code":"invalid_api_key"}}\
      """;

  @Test
  void a401ToAnApiKeyDisablesItWithTheUpstreamsReasonAndTheNextRequestSkipsIt() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "bad", "good"));
    f.upstream
        .answer("bad", json(401, INVALID_KEY))
        .answer("good", json(200, completion("one")))
        .answer("good", json(200, completion("two")));

    assertThat(f.send(ClientApi.OPENAI_CHAT, chat(false)).body()).contains("one");
    assertThat(f.send(ClientApi.OPENAI_CHAT, chat(false)).body()).contains("two");

    assertThat(f.upstream.sent())
        .extracting(FakeUpstreamClient.Sent::authorization)
        .containsExactly("Bearer bad", "Bearer good", "Bearer good");
    CredentialStatus bad = f.pool.status().getFirst();
    assertThat(bad.state()).isEqualTo(CredentialStatus.State.DISABLED);
    assertThat(bad.disabledWhy())
        .isEqualTo("the upstream says the API key is invalid (401 invalid_api_key)");
    assertThat(f.listener.of(GatewayEvent.Attempted.class).getFirst().reason())
        .isEqualTo(
            "upstream answered 401 (the upstream says the API key is invalid (401"
                + " invalid_api_key))");
  }

  @Test
  void a401ToAnAccountThatCannotBeRefreshedRestsItButDoesNotDisableIt() {
    ObjectNode file = JSON.createObjectNode();
    file.put("type", "test");
    file.put("access_token", "stale");
    file.put("refresh_token", "rt");
    Account account = new Account(CredentialFile.of("test-a.json", file), NOW);
    AtomicInteger recoveries = new AtomicInteger();
    ChainTestProvider up =
        new ChainTestProvider(
            "up",
            List.of(Credential.forAccount(account, ModelPatterns.NONE)),
            OpenAiCompatFailures.INSTANCE,
            body -> {},
            false);
    ChainFixture f =
        new ChainFixture(
            ChainFixture.config(""), (acc, token) -> recoveries.incrementAndGet() < 0, up);
    f.upstream.answer("stale", json(401, INVALID_KEY));

    RecordingSink sink = f.send(ClientApi.OPENAI_CHAT, chat(false));

    assertThat(sink.status()).isEqualTo(401);
    assertThat(recoveries).as("the gateway tried to refresh the token").hasValue(1);
    CredentialStatus status = f.pool.status().getFirst();
    assertThat(status.state()).isEqualTo(CredentialStatus.State.RESTING);
    assertThat(status.disabledWhy()).isEmpty();
    assertThat(f.pool.disabledWhy(up.credentials().getFirst())).isEmpty();
  }
}
