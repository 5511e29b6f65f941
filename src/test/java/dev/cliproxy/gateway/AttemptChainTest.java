package dev.cliproxy.gateway;

import static dev.cliproxy.gateway.ChainFixture.NOW;
import static dev.cliproxy.gateway.ChainFixture.chat;
import static dev.cliproxy.gateway.ChainFixture.claude;
import static dev.cliproxy.gateway.ChainFixture.completion;
import static dev.cliproxy.gateway.FakeUpstreamClient.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.Credential;
import dev.cliproxy.auth.ModelPatterns;
import dev.cliproxy.auth.refresh.TokenRecovery;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.UpstreamBody;
import dev.cliproxy.provider.openaicompat.OpenAiCompatFailures;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The steps after failover: token recovery, translation, payload rules, provider rules. */
class AttemptChainTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Account account(String token) {
    ObjectNode file = JSON.createObjectNode();
    file.put("type", "test");
    file.put("access_token", token);
    file.put("refresh_token", "rt");
    return new Account(CredentialFile.of("test-a.json", file), NOW);
  }

  @Test
  void a401OnAnAccountRefreshesItAndTriesOnceMoreFromAFreshTranslation() {
    Account account = account("old");
    AtomicInteger recoveries = new AtomicInteger();
    TokenRecovery recovery =
        (acc, stale) -> {
          recoveries.incrementAndGet();
          assertThat(stale).isEqualTo("old");
          acc.replacedOnDisk(acc.file().with("access_token", "new"), NOW);
          return true;
        };
    ChainTestProvider up =
        new ChainTestProvider(
            "up",
            List.of(Credential.forAccount(account, ModelPatterns.NONE)),
            OpenAiCompatFailures.INSTANCE,
            body -> {},
            false);
    ChainFixture f = new ChainFixture(ChainFixture.config(""), recovery, up);
    f.upstream
        .answer("old", json(401, "{\"error\":{\"message\":\"expired\"}}"))
        .answer("new", json(200, completion("after refresh")));

    RecordingSink sink = f.send(ClientApi.CLAUDE_MESSAGES, claude(false));

    assertThat(sink.status()).isEqualTo(200);
    assertThat(sink.body()).contains("after refresh");
    assertThat(recoveries).hasValue(1);
    assertThat(f.upstream.sent())
        .extracting(FakeUpstreamClient.Sent::body)
        .allSatisfy(b -> assertThat(b).contains("\"messages\"", "\"up-x\""));
    assertThat(up.bodies).hasSize(2);
    assertThat(up.bodies.get(0)).isNotSameAs(up.bodies.get(1));
    assertThat(f.listener.of(GatewayEvent.Attempted.class))
        .extracting(GatewayEvent.Attempted::number, GatewayEvent.Attempted::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 401),
            org.assertj.core.groups.Tuple.tuple(2, 200));
    assertThat(f.listener.of(GatewayEvent.Attempted.class).getFirst().rest()).isEmpty();
  }

  @Test
  void aKeyIsNotRefreshedOnA401() {
    AtomicInteger recoveries = new AtomicInteger();
    ChainFixture f =
        new ChainFixture(
            ChainFixture.config(""),
            (acc, stale) -> recoveries.incrementAndGet() > 0,
            ChainTestProvider.withKeys("up", "k"));
    f.upstream.answer("k", json(401, "{\"error\":{\"message\":\"no\"}}"));

    f.send(ClientApi.OPENAI_CHAT, chat(false));

    assertThat(recoveries).hasValue(0);
    assertThat(f.upstream.sent()).hasSize(1);
  }

  @Test
  void aTranslatedBodyIsWrittenOnceAfterPayloadRulesAndProviderRulesEditedItsTree() {
    ChainTestProvider up = editing();
    ChainFixture f =
        new ChainFixture(
            ChainFixture.config(
                "payload:\n  override:\n    - models: [{name: \"*\"}]\n      params: {seed: 7}\n"),
            TokenRecovery.NONE,
            up);
    f.upstream.answer("k", json(200, completion("x")));

    f.send(ClientApi.CLAUDE_MESSAGES, claude(false));

    UpstreamBody body = up.bodies.getFirst();
    assertThat(body.parses()).isZero();
    assertThat(body.writes()).isEqualTo(1);
    assertThat(f.upstream.sent().getFirst().body()).contains("\"seed\":7", "\"edited\":true");
  }

  @Test
  void aPassedThroughBodyIsParsedOnceAndWrittenOnceWhenRulesEditIt() {
    ChainTestProvider up = editing();
    ChainFixture f =
        new ChainFixture(
            ChainFixture.config(
                "payload:\n  override:\n    - models: [{name: \"*\"}]\n      params: {seed: 7}\n"),
            TokenRecovery.NONE,
            up);
    f.upstream.answer("k", json(200, completion("x")));

    f.send(ClientApi.OPENAI_CHAT, chat(false));

    UpstreamBody body = up.bodies.getFirst();
    assertThat(body.parses()).isEqualTo(1);
    assertThat(body.writes()).isEqualTo(1);
    assertThat(f.upstream.sent().getFirst().body()).contains("\"seed\":7", "\"edited\":true");
  }

  @Test
  void aPassedThroughBodyNobodyEditsGoesUpstreamAsTheClientsBytesWithOnlyTheModelChanged() {
    ChainTestProvider up = ChainTestProvider.withKeys("up", "k");
    ChainFixture f = new ChainFixture(up);
    f.upstream.answer("k", json(200, completion("x")));
    String sent =
        "{ \"model\" : \"model-x\",  \"messages\":[{\"role\":\"user\",\"content\":\"hi\"}] }";

    f.send(ClientApi.OPENAI_CHAT, sent);

    assertThat(up.bodies.getFirst().parses()).isZero();
    assertThat(up.bodies.getFirst().writes()).isZero();
    assertThat(f.upstream.sent().getFirst().body()).isEqualTo(sent.replace("model-x", "up-x"));
  }

  /** A provider whose body rules edit the tree, as Codex's do. */
  private static ChainTestProvider editing() {
    return new ChainTestProvider(
        "up",
        ChainTestProvider.withKeys("up", "k").credentials(),
        OpenAiCompatFailures.INSTANCE,
        body -> body.tree().put("edited", true),
        false);
  }

  @Test
  void tokenCountsUseOnlyCredentialsThatMayServeTheModel() {
    List<Credential> keys =
        List.of(
            new Credential(
                "up:excluding",
                "up",
                "excluding key",
                dev.cliproxy.auth.Secret.key("excluding"),
                Optional.empty(),
                new ModelPatterns(List.of("model-x"))),
            new Credential("up:serving", "up", "serving key", "serving", Optional.empty()));
    ChainTestProvider up =
        new ChainTestProvider("up", keys, OpenAiCompatFailures.INSTANCE, body -> {}, true);
    ChainFixture f = new ChainFixture(up);
    for (int i = 0; i < 3; i++) {
      f.upstream.answer("serving", json(200, "{\"input_tokens\":42}"));
    }

    for (int i = 0; i < 3; i++) {
      byte[] body = claude(false).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      long counted =
          f.gateway.countTokens(
              ClientRequest.fromBody(
                  ClientApi.CLAUDE_MESSAGES,
                  body,
                  dev.cliproxy.dialect.RequestHead.read(body),
                  dev.cliproxy.provider.ClientHeaders.NONE,
                  new RequestTrace()));
      assertThat(counted).isEqualTo(42);
    }
    assertThat(f.upstream.sent())
        .extracting(FakeUpstreamClient.Sent::authorization)
        .containsOnly("Bearer serving");
  }
}
