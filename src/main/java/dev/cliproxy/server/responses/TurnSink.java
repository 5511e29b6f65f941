package dev.cliproxy.server.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.gateway.ClientSink;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.io.EofException;

/**
 * Where the gateway writes the answer to one {@code response.create}: each Responses stream event
 * becomes one text message, an error answer an {@link ErrorEvent}. It notes what the turn's client
 * must be able to continue from: the id of its {@code response.completed} and the output items
 * ({@code response.output_item.done}, or the completed response's {@code output} when the stream
 * named none).
 */
final class TurnSink implements ClientSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Runnable NOTHING = () -> {};

  /** A turn that ended in {@code response.completed}. */
  record Completed(String responseId, ArrayNode output) {}

  private final SocketFrames frames;
  private final Runnable onEnded;
  private final SseSplitter splitter = new SseSplitter();
  private final AtomicReference<Runnable> onHangUp = new AtomicReference<>(NOTHING);
  private final ArrayNode outputItems = JSON.createArrayNode();
  private volatile boolean hungUp;
  private volatile boolean committed;
  private volatile boolean ended;
  private Completed completed;
  private Consumer<Optional<Completed>> onOutcome = outcome -> {};

  /**
   * A sink sending through {@code frames}; {@code onEnded} runs once the turn's terminal event is
   * about to go out, so the socket takes the client's next {@code response.create} the moment the
   * client can send it.
   */
  TurnSink(SocketFrames frames, Runnable onEnded) {
    this.frames = frames;
    this.onEnded = onEnded;
  }

  /** Runs {@code action} with the turn's outcome before its terminal event goes out. */
  void onOutcome(Consumer<Optional<Completed>> action) {
    this.onOutcome = action;
  }

  @Override
  public void complete(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException {
    if (status >= 400) {
      sendError(ErrorEvent.ofBody(status, body));
      return;
    }
    // A whole response (never asked for: every turn streams) still ends the turn as completed.
    JsonNode response = parse(body);
    if (response == null || !response.path("id").isTextual()) {
      sendError(ErrorEvent.ofBody(502, body));
      return;
    }
    ObjectNode event = JSON.createObjectNode().put("type", "response.completed");
    event.set("response", response);
    sendEvent(event);
  }

  @Override
  public void beginStream(int status, String contentType, Map<String, String> headers) {}

  @Override
  public void event(byte[] bytes) throws IOException {
    for (String data : splitter.accept(bytes)) {
      deliver(data);
    }
  }

  @Override
  public void end() throws IOException {
    for (String data : splitter.rest()) {
      deliver(data);
    }
  }

  @Override
  public boolean committed() {
    return committed;
  }

  @Override
  public void onHangUp(Runnable action) {
    onHangUp.set(action);
    if (hungUp) {
      action.run();
    }
  }

  @Override
  public boolean hungUp() {
    return hungUp;
  }

  /** The client closed the socket: the gateway stops and cancels the upstream request. */
  void hangUp() {
    if (!hungUp) {
      hungUp = true;
      onHangUp.getAndSet(NOTHING).run();
    }
  }

  /** Whether a terminal event (completed, failed, incomplete, error) has been sent. */
  boolean ended() {
    return ended;
  }

  private void deliver(String data) throws IOException {
    if (ended) {
      return;
    }
    JsonNode event = parse(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (event == null || !event.isObject()) {
      send(data);
      return;
    }
    sendEvent((ObjectNode) event);
  }

  /** Sends an error event; it ends the turn. */
  void sendError(ErrorEvent error) throws IOException {
    if (finish()) {
      send(error.json());
    }
  }

  /** Marks the turn ended and runs the hooks; false when it had ended already. */
  private boolean finish() {
    if (ended) {
      return false;
    }
    ended = true;
    onOutcome.accept(Optional.ofNullable(completed));
    onEnded.run();
    return true;
  }

  /** Sends one stream event, noting what it says about the turn. */
  void sendEvent(ObjectNode event) throws IOException {
    if (ended) {
      return; // nothing follows a terminal event; the socket may be on its next turn
    }
    String type = event.path("type").asText("");
    switch (type) {
      case "error" -> {
        sendError(ErrorEvent.ofStreamEvent(event));
        return;
      }
      case "response.output_item.done" -> {
        if (event.path("item").isObject()) {
          outputItems.add(event.get("item"));
        }
      }
      case "response.completed" -> {
        JsonNode response = event.path("response");
        ArrayNode output = outputItems;
        if (output.isEmpty() && response.path("output").isArray()) {
          output = (ArrayNode) response.get("output");
        }
        completed = new Completed(response.path("id").asText(""), output.deepCopy());
        finish();
      }
      case "response.failed", "response.incomplete" -> finish();
      default -> {}
    }
    send(JSON.writeValueAsString(event));
  }

  private void send(String text) throws IOException {
    if (hungUp) {
      throw new EofException("the client closed the WebSocket");
    }
    committed = true;
    try {
      frames.send(text);
    } catch (IOException e) {
      hangUp();
      throw e;
    }
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException notJson) {
      return null;
    }
  }
}
