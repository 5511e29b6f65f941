package dev.cliproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.model.Usage;
import dev.cliproxy.gateway.ClientApi;
import dev.cliproxy.gateway.GatewayEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One record per request, from the gateway's events; the map of requests in flight bounded. */
class UsageRecorderTest {
  private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");
  private final List<UsageRecord> sunk = new ArrayList<>();
  private final AtomicBoolean recording = new AtomicBoolean(true);
  private final UsageRecorder recorder =
      new UsageRecorder(sunk::add, recording::get, 3, Duration.ofHours(6));

  private static GatewayEvent.Accepted accepted(long id, ClientApi api, String model, String key) {
    return new GatewayEvent.Accepted(
        id,
        AT,
        api,
        api == ClientApi.CLAUDE_MESSAGES ? "/v1/messages" : "/v1/chat/completions",
        Optional.ofNullable(model),
        true,
        Optional.ofNullable(key));
  }

  private static GatewayEvent.Attempted attempted(
      long id, int number, String credential, boolean passthrough, int status) {
    return new GatewayEvent.Attempted(
        id,
        number,
        credential,
        "idx-" + credential,
        "up",
        "up-model",
        passthrough,
        status,
        Optional.of(Duration.ofMillis(40 + number)),
        Duration.ofMillis(60 + number),
        Optional.empty(),
        status == 200 ? "" : "upstream said " + status);
  }

  @Test
  void aTranslatedAnswerIsOneRecordWithItsTokensAndTheServingTry() {
    Usage tokens = new Usage(100, 20, 5, 30, 12);
    recorder.on(accepted(1, ClientApi.CLAUDE_MESSAGES, "claude-x", "key-0123456789ab"));
    recorder.on(attempted(1, 1, "cred-a", false, 429));
    recorder.on(attempted(1, 2, "cred-b", false, 200));
    recorder.on(
        new GatewayEvent.Delivered(
            1,
            "cred-b",
            "up",
            "up-model",
            200,
            true,
            true,
            Optional.of(tokens),
            Duration.ofMillis(900)));

    assertThat(sunk).hasSize(1);
    UsageRecord record = sunk.get(0);
    assertThat(record.at()).isEqualTo(AT);
    assertThat(record.client()).isEqualTo("key-0123456789ab");
    assertThat(record.api()).isEqualTo("CLAUDE_MESSAGES");
    assertThat(record.provider()).isEqualTo("up");
    assertThat(record.credential()).isEqualTo("cred-b");
    assertThat(record.model()).isEqualTo("claude-x");
    assertThat(record.upstreamModel()).isEqualTo("up-model");
    assertThat(record.status()).isEqualTo(200);
    assertThat(record.stream()).isTrue();
    assertThat(record.latencyMs()).isEqualTo(900);
    assertThat(record.firstByteMs()).isEqualTo(OptionalLong.of(42));
    assertThat(record.tokens()).isEqualTo(tokens);
    assertThat(record.totalTokens()).isEqualTo(155);
    assertThat(record.failed()).isFalse();
    assertThat(recorder.inFlight()).isZero();
  }

  @Test
  void aPassedThroughAnswerIsRecordedTheSameWay() {
    Usage tokens = new Usage(7, 0, 0, 3, 0);
    recorder.on(accepted(2, ClientApi.OPENAI_CHAT, "gpt-x", null));
    recorder.on(attempted(2, 1, "cred-a", true, 200));
    recorder.on(
        new GatewayEvent.Delivered(
            2,
            "cred-a",
            "up",
            "up-model",
            200,
            false,
            true,
            Optional.of(tokens),
            Duration.ofMillis(50)));

    assertThat(sunk)
        .singleElement()
        .satisfies(record -> {
          assertThat(record.client())
              .as("no client key: the route")
              .isEqualTo("POST /v1/chat/completions");
          assertThat(record.tokens()).isEqualTo(tokens);
          assertThat(record.totalTokens()).isEqualTo(10);
          assertThat(record.credential()).isEqualTo("cred-a");
          assertThat(record.failed()).isFalse();
        });
  }

  @Test
  void aBrokenStreamAFailureAndAHangUpAreFailedRecords() {
    recorder.on(accepted(3, ClientApi.OPENAI_CHAT, "gpt-x", "key-aaaaaaaaaaaa"));
    recorder.on(attempted(3, 1, "cred-a", false, 200));
    recorder.on(
        new GatewayEvent.Delivered(
            3,
            "cred-a",
            "up",
            "up-model",
            200,
            true,
            false,
            Optional.empty(),
            Duration.ofMillis(70)));
    recorder.on(accepted(4, ClientApi.OPENAI_CHAT, null, "key-aaaaaaaaaaaa"));
    recorder.on(attempted(4, 1, "cred-a", false, 503));
    recorder.on(
        new GatewayEvent.Failed(
            4,
            new ProxyError(
                503, ProxyError.Kind.UPSTREAM, "unavailable", "all resting", Optional.empty()),
            false,
            Duration.ofMillis(60)));
    recorder.on(accepted(5, ClientApi.OPENAI_CHAT, "gpt-x", "key-aaaaaaaaaaaa"));
    recorder.on(attempted(5, 1, "cred-b", false, 200));
    recorder.on(
        new GatewayEvent.HungUp(
            5,
            Optional.of("cred-b"),
            Optional.of(new Usage(4, 0, 0, 1, 0)),
            Duration.ofMillis(30)));

    assertThat(sunk).extracting(UsageRecord::status).containsExactly(200, 503, 499);
    assertThat(sunk).allMatch(UsageRecord::failed);
    assertThat(sunk.get(1).model()).isEqualTo(UsageRecord.UNKNOWN_MODEL);
    assertThat(sunk.get(1).credential()).isEqualTo("cred-a");
    assertThat(sunk.get(1).tokens()).isEqualTo(Usage.NONE);
    assertThat(sunk.get(2).credential()).isEqualTo("cred-b");
    assertThat(sunk.get(2).provider()).isEqualTo("up");
    assertThat(sunk.get(2).totalTokens()).isEqualTo(5);
  }

  @Test
  void aFailureBeforeAnyTryHasNoCredential() {
    recorder.on(accepted(6, ClientApi.OPENAI_CHAT, "nope", "key-aaaaaaaaaaaa"));
    recorder.on(
        new GatewayEvent.Failed(
            6,
            ProxyError.invalidRequest("model_not_found", "no such model"),
            false,
            Duration.ZERO));

    assertThat(sunk)
        .singleElement()
        .satisfies(record -> {
          assertThat(record.status()).isEqualTo(400);
          assertThat(record.provider()).isEmpty();
          assertThat(record.credential()).isEmpty();
          assertThat(record.firstByteMs()).isEmpty();
        });
  }

  @Test
  void aModelNameOfAMegabyteIsKeptToItsFirst200Characters() {
    String huge = "m".repeat(1_000_000);
    recorder.on(accepted(8, ClientApi.OPENAI_CHAT, huge, null));
    recorder.on(
        new GatewayEvent.Failed(
            8,
            ProxyError.invalidRequest("model_not_found", "no such model"),
            false,
            Duration.ZERO));

    assertThat(sunk)
        .singleElement()
        .satisfies(
            record -> assertThat(record.model()).isEqualTo("m".repeat(UsageRecorder.MAX_NAME)));
  }

  @Test
  void whileRecordingIsOffNothingIsKept() {
    recording.set(false);
    recorder.on(accepted(7, ClientApi.OPENAI_CHAT, "gpt-x", null));
    recording.set(true);
    recorder.on(
        new GatewayEvent.Delivered(
            7, "cred-a", "up", "up-model", 200, false, true, Optional.empty(), Duration.ZERO));

    assertThat(sunk).isEmpty();
    assertThat(recorder.inFlight()).isZero();
  }

  @Test
  void pastItsCapacityTheOldestRequestIsEvictedAndCounted() {
    for (long id = 1; id <= 5; id++) {
      recorder.on(accepted(id, ClientApi.OPENAI_CHAT, "gpt-x", null));
    }
    assertThat(recorder.inFlight()).isEqualTo(3);
    assertThat(recorder.evicted()).isEqualTo(2);

    recorder.on(new GatewayEvent.HungUp(1, Optional.empty(), Optional.empty(), Duration.ZERO));
    recorder.on(new GatewayEvent.HungUp(5, Optional.empty(), Optional.empty(), Duration.ZERO));
    assertThat(sunk).as("request 1 was evicted, 5 was not").hasSize(1);
    assertThat(recorder.inFlight()).isEqualTo(2);
  }

  @Test
  void aRequestWhoseEndNeverComesIsSweptOnceTooOld() {
    recorder.on(accepted(1, ClientApi.OPENAI_CHAT, "gpt-x", null));

    assertThat(recorder.sweep(AT.plus(Duration.ofHours(5)))).isZero();
    assertThat(recorder.sweep(AT.plus(Duration.ofHours(7)))).isEqualTo(1);
    assertThat(recorder.inFlight()).isZero();
    assertThat(recorder.evicted()).isEqualTo(1);
  }
}
