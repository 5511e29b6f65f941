package dev.cliproxy.gateway;

import static dev.cliproxy.gateway.ChainFixture.NOW;
import static dev.cliproxy.gateway.ChainFixture.chat;
import static dev.cliproxy.gateway.ChainFixture.claude;
import static dev.cliproxy.gateway.ChainFixture.completion;
import static dev.cliproxy.gateway.FakeUpstreamClient.Scripted.json;
import static dev.cliproxy.gateway.FakeUpstreamClient.Scripted.noAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.CredentialStatus;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.provider.FailureReading;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failover over two keys of one provider, against a fake upstream client. */
class FailoverTest {

  @Test
  void a429MovesToTheNextKeyAndRestsTheFirstAsTheUpstreamSaid() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a", "b"));
    f.upstream
        .answer("a", json(429, "{\"error\":{\"message\":\"slow down\"}}", "Retry-After", "30"))
        .answer("b", json(200, completion("from b")));

    RecordingSink sink = f.send(ClientApi.CLAUDE_MESSAGES, claude(false));

    assertThat(sink.status()).isEqualTo(200);
    assertThat(sink.body()).contains("from b");
    List<GatewayEvent.Attempted> attempts = f.listener.of(GatewayEvent.Attempted.class);
    assertThat(attempts)
        .extracting(
            GatewayEvent.Attempted::number,
            GatewayEvent.Attempted::credentialId,
            GatewayEvent.Attempted::status,
            GatewayEvent.Attempted::rest)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1, "up:a", 429, Optional.of(Duration.ofSeconds(30))),
            org.assertj.core.groups.Tuple.tuple(2, "up:b", 200, Optional.empty()));
    assertThat(attempts).allSatisfy(a -> assertThat(a.firstByte()).isPresent());
    GatewayEvent.Delivered delivered = f.listener.of(GatewayEvent.Delivered.class).getFirst();
    assertThat(delivered.credentialId()).isEqualTo("up:b");
    assertThat(delivered.usage()).hasValue(new Usage(8, 3, 0, 7, 0));
    assertThat(f.pool.status())
        .extracting(CredentialStatus::id, CredentialStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("up:a", CredentialStatus.State.RESTING),
            org.assertj.core.groups.Tuple.tuple("up:b", CredentialStatus.State.READY));
    CredentialStatus a = f.pool.status().getFirst();
    assertThat(a.resting())
        .containsExactly(new CredentialStatus.ModelRest("model-x", NOW.plusSeconds(30), 429, true));
    assertThat(a.lastError()).get().extracting(CredentialStatus.LastError::status).isEqualTo(429);
  }

  @Test
  void theEventsOfARequestComeInOrderAndNameIt() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a"));
    f.upstream.answer("a", json(200, completion("hello")));

    f.send(ClientApi.OPENAI_CHAT, chat(false));

    List<GatewayEvent> events = f.listener.events();
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Accepted", "Attempted", "Delivered");
    assertThat(events)
        .extracting(GatewayEvent::requestId)
        .containsOnly(events.getFirst().requestId());
    GatewayEvent.Accepted accepted = (GatewayEvent.Accepted) events.getFirst();
    assertThat(accepted.api()).isEqualTo(ClientApi.OPENAI_CHAT);
    assertThat(accepted.model()).hasValue("model-x");
    assertThat(accepted.stream()).isFalse();
    GatewayEvent.Attempted attempted = (GatewayEvent.Attempted) events.get(1);
    assertThat(attempted.passthrough()).isTrue();
    assertThat(attempted.upstreamModel()).isEqualTo("up-x");
    assertThat(attempted.provider()).isEqualTo("up");
  }

  @Test
  void aRefusalOfTheRequestItselfIsNotFailedOverAndReachesASameDialectClientAsItIs() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a", "b"));
    String refusal =
        "{\"error\":{\"message\":\"bad temperature\",\"type\":\"invalid_request_error\"}}";
    f.upstream.answer("a", json(400, refusal));

    RecordingSink sink = f.send(ClientApi.OPENAI_CHAT, chat(false));

    assertThat(sink.status()).isEqualTo(400);
    assertThat(sink.body()).isEqualTo(refusal);
    assertThat(f.upstream.sent()).hasSize(1);
    GatewayEvent.Failed failed = f.listener.of(GatewayEvent.Failed.class).getFirst();
    assertThat(failed.upstreamBodyPassedOn()).isTrue();
    assertThat(failed.error().status()).isEqualTo(400);
    assertThat(f.pool.status())
        .allSatisfy(s -> assertThat(s.state()).isEqualTo(CredentialStatus.State.READY));
  }

  @Test
  void anUnreachableKeyRestsTenSecondsAndTheNextOneServes() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a", "b"));
    f.upstream.answer("a", noAnswer("Connection refused")).answer("b", json(200, completion("ok")));

    RecordingSink sink = f.send(ClientApi.OPENAI_CHAT, chat(false));

    assertThat(sink.status()).isEqualTo(200);
    GatewayEvent.Attempted first = f.listener.of(GatewayEvent.Attempted.class).getFirst();
    assertThat(first.status()).isZero();
    assertThat(first.firstByte()).isEmpty();
    assertThat(first.rest()).hasValue(Duration.ofSeconds(10));
    assertThat(first.reason()).contains("Connection refused");
  }

  @Test
  void whenEveryKeyRestsTheClientGetsACooldown429InItsDialectWithoutAnUpstreamCall() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a", "b"));
    f.upstream
        .answer("a", json(429, "{}", "Retry-After", "60"))
        .answer("b", json(429, "{}", "Retry-After", "30"));
    RecordingSink first = f.send(ClientApi.CLAUDE_MESSAGES, claude(false));
    assertThat(first.status()).isEqualTo(429);

    RecordingSink second = f.send(ClientApi.CLAUDE_MESSAGES, claude(false));

    assertThat(f.upstream.sent()).hasSize(2);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.headers()).containsEntry("Retry-After", "30");
    assertThat(second.body()).contains("\"type\":\"error\"", "rate_limit_error", "cooling down");
  }

  @Test
  void aPermanentRefusalDisablesTheKeyUntilTheConfigChanges() {
    ChainTestProvider up =
        new ChainTestProvider(
            "up",
            ChainTestProvider.withKeys("up", "bad", "good").credentials(),
            refusal ->
                refusal.status() == 401
                    ? new FailureReading(
                        Optional.empty(), true, "the upstream says the key is invalid")
                    : FailureReading.NONE,
            body -> {},
            false);
    ChainFixture f = new ChainFixture(up);
    f.upstream
        .answer("bad", json(401, "{\"error\":{\"code\":\"invalid_api_key\"}}"))
        .answer("good", json(200, completion("one")))
        .answer("good", json(200, completion("two")));

    assertThat(f.send(ClientApi.OPENAI_CHAT, chat(false)).body()).contains("one");
    assertThat(f.send(ClientApi.OPENAI_CHAT, chat(false)).body()).contains("two");

    assertThat(f.upstream.sent()).hasSize(3);
    CredentialStatus bad = f.pool.status().getFirst();
    assertThat(bad.state()).isEqualTo(CredentialStatus.State.DISABLED);
    assertThat(bad.disabledWhy()).isEqualTo("the upstream says the key is invalid");

    RuntimeSnapshot same = f.gateway.snapshot();
    f.gateway.install(new RuntimeSnapshot(same.config(), same.providers(), NOW));
    assertThat(f.pool.status().getFirst().state()).isEqualTo(CredentialStatus.State.DISABLED);
    f.gateway.install(
        new RuntimeSnapshot(ChainFixture.config("request-retry: 1\n"), same.providers(), NOW));
    assertThat(f.pool.status().getFirst().state()).isEqualTo(CredentialStatus.State.READY);
  }

  @Test
  void aDisabledOnlyKeyIsA503ThatSaysWhy() {
    ChainTestProvider up =
        new ChainTestProvider(
            "up",
            ChainTestProvider.withKeys("up", "bad").credentials(),
            refusal ->
                new FailureReading(Optional.empty(), true, "the upstream says the key is invalid"),
            body -> {},
            false);
    ChainFixture f = new ChainFixture(up);
    f.upstream.answer("bad", json(401, "{\"error\":{\"code\":\"invalid_api_key\"}}"));
    f.send(ClientApi.OPENAI_CHAT, chat(false));

    RecordingSink second = f.send(ClientApi.OPENAI_CHAT, chat(false));

    assertThat(second.status()).isEqualTo(503);
    assertThat(second.body())
        .contains("no_credentials", "is disabled: the upstream says the key is invalid");
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheRequest() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a"));
    f.gateway
        .listeners()
        .add(event -> {
          throw new IllegalStateException("listener bug");
        });
    f.upstream.answer("a", json(200, completion("fine")));

    RecordingSink sink = f.send(ClientApi.OPENAI_CHAT, chat(false));

    assertThat(sink.status()).isEqualTo(200);
    assertThat(f.listener.of(GatewayEvent.Delivered.class)).hasSize(1);
  }

  @Test
  void aClientThatHangsUpMidStreamIsAHangUpAndRestsNothing() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a"));
    f.upstream.answer("a", FakeUpstreamClient.Scripted.events(ChainFixture.completionStream(5)));

    f.send(ClientApi.OPENAI_CHAT, chat(true), new RecordingSink().hangUpAfter(2));

    assertThat(f.listener.events().getLast()).isInstanceOf(GatewayEvent.HungUp.class);
    GatewayEvent.HungUp hungUp = (GatewayEvent.HungUp) f.listener.events().getLast();
    assertThat(hungUp.credentialId()).hasValue("up:a");
    assertThat(f.pool.status().getFirst().state()).isEqualTo(CredentialStatus.State.READY);
    assertThat(f.pool.status().getFirst().lastError()).isEmpty();
  }

  @Test
  void anUnknownModelIsAFailedEventWithThe404() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a"));

    RecordingSink sink = f.send(ClientApi.OPENAI_CHAT, "{\"model\":\"nope\",\"messages\":[]}");

    assertThat(sink.status()).isEqualTo(404);
    assertThat(f.listener.events())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Accepted", "Failed");
    assertThat(f.listener.of(GatewayEvent.Failed.class).getFirst().error().code())
        .isEqualTo("model_not_found");
  }

  @Test
  void requestsInFlightAreCountedPerCredential() {
    ChainFixture f = new ChainFixture(ChainTestProvider.withKeys("up", "a"));
    int[] during = new int[1];
    f.upstream
        .duringSend(() -> during[0] = f.pool.status().getFirst().inFlight())
        .answer("a", json(200, completion("x")));

    f.send(ClientApi.OPENAI_CHAT, chat(false));

    assertThat(during[0]).isEqualTo(1);
    assertThat(f.pool.status().getFirst().inFlight()).isZero();
  }
}
