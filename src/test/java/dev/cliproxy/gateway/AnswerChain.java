package dev.cliproxy.gateway;

import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.model.ToolNames;
import dev.cliproxy.provider.ClientHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's own answer chain for one translated answer — the shape {@link TranslationStep}
 * makes and the delivery {@link UpstreamStep} runs — fed a recorded upstream answer, returning the
 * bytes the client receives; for golden tests of every (client, upstream) pair.
 */
public final class AnswerChain {
  private AnswerChain() {}

  /** A recorded upstream event stream, delivered to a streaming client. */
  public static byte[] stream(
      DialectCodec upstream,
      DialectCodec client,
      ChatRequest request,
      CodecContext context,
      byte[] upstreamEvents) {
    return deliver(
        upstream,
        client,
        request,
        context,
        FakeUpstreamClient.Scripted.events(new String(upstreamEvents, StandardCharsets.UTF_8)),
        true);
  }

  /** A recorded whole upstream answer, delivered to a client that wants one. */
  public static byte[] whole(
      DialectCodec upstream,
      DialectCodec client,
      ChatRequest request,
      CodecContext context,
      byte[] upstreamAnswer) {
    return deliver(
        upstream,
        client,
        request,
        context,
        FakeUpstreamClient.Scripted.json(200, new String(upstreamAnswer, StandardCharsets.UTF_8)),
        false);
  }

  private static byte[] deliver(
      DialectCodec upstream,
      DialectCodec client,
      ChatRequest request,
      CodecContext context,
      FakeUpstreamClient.Scripted answer,
      boolean stream) {
    RecordingSink sink = new RecordingSink();
    ResponseShape shape =
        new ResponseShape.Translated(upstream, client, request, context, ToolNames.NONE);
    FakeUpstreamClient fake = new FakeUpstreamClient().answer("pair", answer);
    ChainTestProvider provider = ChainTestProvider.withKeys("pair", "pair");
    Attempt attempt = attempt(provider, sink);
    try (UpstreamAnswer upstreamAnswer =
        fake.send(
            new UpstreamClient.Call(
                provider.prepare(
                    provider.credentials().getFirst(),
                    new dev.cliproxy.provider.UpstreamCall(
                        dev.cliproxy.provider.UpstreamBody.ofBytes(new byte[] {'{', '}'}),
                        stream,
                        "up-x",
                        client.dialect(),
                        false,
                        ClientHeaders.NONE)),
                Optional.empty(),
                stream,
                Optional.empty()),
            abort -> {})) {
      Outcome outcome =
          new AnswerDelivery(
                  attempt,
                  upstreamAnswer,
                  shape,
                  sink,
                  provider.protocol().failures(),
                  provider.credentials().getFirst(),
                  Clock.systemUTC(),
                  Optional.empty())
              .deliver(stream, stream);
      if (!(outcome instanceof Outcome.Delivered delivered) || !delivered.complete()) {
        throw new AssertionError("the pair's answer was not delivered: " + outcome);
      }
    } catch (UpstreamClient.UpstreamUnreachable e) {
      throw new AssertionError(e);
    }
    return sink.body().getBytes(StandardCharsets.UTF_8);
  }

  /** A try for the delivery to report on; its request is never sent anywhere. */
  private static Attempt attempt(ChainTestProvider provider, ClientSink sink) {
    byte[] body = "{\"model\":\"model-x\"}".getBytes(StandardCharsets.UTF_8);
    Exchange exchange =
        new Exchange(
            0,
            ClientRequest.fromBody(
                ClientApi.OPENAI_CHAT,
                body,
                RequestHead.read(body),
                ClientHeaders.NONE,
                new RequestTrace()),
            new RuntimeSnapshot(
                new ConfigLoader(ConfigSchema.EMPTY).defaults(),
                List.of(provider),
                java.time.Instant.EPOCH),
            sink,
            RequestRecorder.OFF,
            new GatewayListeners(),
            Clock.systemUTC());
    return Attempt.first(
        exchange,
        new ModelCatalog.Route(provider, "up-x", provider.credentials()),
        provider.credentials().getFirst());
  }
}
