package dev.cliproxy.gateway;

import dev.cliproxy.auth.CredentialPool;
import dev.cliproxy.auth.refresh.TokenRecovery;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.provider.ClientHeaders;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A gateway over test providers and a {@link FakeUpstreamClient}, with a recording listener. */
final class ChainFixture {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  final FakeUpstreamClient upstream = new FakeUpstreamClient();
  final RecordingListener listener = new RecordingListener();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final CredentialPool pool = new CredentialPool(clock);
  final Gateway gateway;

  ChainFixture(Config config, TokenRecovery recovery, Provider... providers) {
    gateway =
        new Gateway(
            new RuntimeSnapshot(config, List.of(providers), NOW),
            pool,
            upstream,
            Codecs.standard(),
            recovery,
            clock);
    gateway.listeners().add(listener);
  }

  ChainFixture(Provider... providers) {
    this(config(""), TokenRecovery.NONE, providers);
  }

  static Config config(String yaml) {
    return new ConfigLoader(ConfigSchema.EMPTY).parse(yaml, Path.of(".").toAbsolutePath()).config();
  }

  /** Sends a request of {@code api} with this JSON body; returns what the client got. */
  RecordingSink send(ClientApi api, String json) {
    return send(api, json, new RecordingSink());
  }

  RecordingSink send(ClientApi api, String json, RecordingSink sink) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    gateway.handle(
        ClientRequest.fromBody(
            api, body, RequestHead.read(body), ClientHeaders.NONE, new RequestTrace()),
        sink);
    return sink;
  }

  /** An OpenAI chat request for {@code model-x}. */
  static String chat(boolean stream) {
    return "{\"model\":\"model-x\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  /** A Claude Messages request for {@code model-x}. */
  static String claude(boolean stream) {
    return "{\"model\":\"model-x\",\"max_tokens\":64,\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  /** An OpenAI chat completion with usage (prompt 11 of which 3 cached, completion 7). */
  static String completion(String text) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up-x\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + text
        + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":11,"
        + "\"completion_tokens\":7,\"total_tokens\":18,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":3}}}";
  }

  /** The same answer as a chat stream of {@code deltas} text deltas and a usage chunk. */
  static String[] completionStream(int deltas) {
    String[] events = new String[deltas + 3];
    for (int i = 0; i < deltas; i++) {
      events[i] =
          "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
              + "\"model\":\"up-x\",\"choices\":[{\"index\":0,\"delta\":{"
              + (i == 0 ? "\"role\":\"assistant\"," : "")
              + "\"content\":\"d"
              + i
              + " \"},\"finish_reason\":null}]}\n\n";
    }
    events[deltas] =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"up-x\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}\n\n";
    events[deltas + 1] =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"up-x\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,"
            + "\"completion_tokens\":7,\"total_tokens\":18,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":3}}}\n\n";
    events[deltas + 2] = "data: [DONE]\n\n";
    return events;
  }
}
