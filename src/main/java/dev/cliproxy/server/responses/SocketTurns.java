package dev.cliproxy.server.responses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.gateway.ClientApi;
import dev.cliproxy.gateway.ClientRequest;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.gateway.RequestTrace;
import dev.cliproxy.provider.ClientHeaders;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code response.create} messages of one socket, each answered as a streamed {@code POST
 * /v1/responses} through the gateway (failover, translation, any upstream) with the headers and
 * client key of the upgrade. A warm-up ({@code generate: false}) is answered here without an
 * upstream: a response with no output that the next turn continues from.
 */
final class SocketTurns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Gateway gateway;
  private final ClientHeaders headers;
  private final String path;
  private final Optional<String> clientKey;
  private final Transcript transcript = new Transcript();

  SocketTurns(Gateway gateway, ClientHeaders headers, String path, Optional<String> clientKey) {
    this.gateway = gateway;
    this.headers = headers;
    this.path = path;
    this.clientKey = clientKey;
  }

  /** Answers one {@code response.create} through {@code sink}; every failure is an event in it. */
  void answer(ObjectNode create, TurnSink sink) throws IOException {
    boolean generate = create.path("generate").asBoolean(true);
    ObjectNode body;
    try {
      body = transcript.expand(create);
    } catch (ProxyException refused) {
      transcript.forget();
      sink.sendError(ErrorEvent.of(refused.error()));
      return;
    }
    ArrayNode input = (ArrayNode) body.get("input").deepCopy();
    if (!generate) {
      warmUp(body, input, sink);
      return;
    }
    body.put("stream", true);
    byte[] bytes = JSON.writeValueAsBytes(body);
    ClientRequest request;
    try {
      RequestHead head = RequestHead.read(bytes, ClientApi.OPENAI_RESPONSES.bodyShape());
      request =
          ClientRequest.fromBody(
                  ClientApi.OPENAI_RESPONSES, bytes, head, headers, new RequestTrace())
              .at(path, clientKey);
    } catch (ProxyException refused) {
      transcript.forget();
      sink.sendError(ErrorEvent.of(refused.error()));
      return;
    }
    sink.onOutcome(outcome ->
        outcome.ifPresentOrElse(
            done -> transcript.remember(done.responseId(), input, done.output()),
            transcript::forget));
    gateway.handle(request, gateway.snapshot(), sink);
  }

  /** {@code response.created} and {@code response.completed} of a response with no output. */
  private void warmUp(ObjectNode body, ArrayNode input, TurnSink sink) throws IOException {
    String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
    ObjectNode response = JSON.createObjectNode();
    response.put("id", id);
    response.put("object", "response");
    response.put("created_at", Instant.now().getEpochSecond());
    response.put("status", "in_progress");
    response.set("model", body.path("model").deepCopy());
    response.putArray("output");
    response.putNull("usage");
    ObjectNode created = JSON.createObjectNode().put("type", "response.created");
    created.set("response", response.deepCopy());
    sink.sendEvent(created);
    response.put("status", "completed");
    ObjectNode completed = JSON.createObjectNode().put("type", "response.completed");
    completed.set("response", response);
    transcript.remember(id, input, JSON.createArrayNode());
    sink.sendEvent(completed);
  }
}
