package dev.cliproxy.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.StreamDecoder;
import dev.cliproxy.dialect.model.StreamEvent;
import dev.cliproxy.testing.CanonicalShape;
import dev.cliproxy.testing.FixedContext;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Replaces every value of the golden bodies, one at a time, with every JSON type: decoders must
 * either accept the result or refuse it with a {@link ProxyException}, never crash otherwise.
 */
class OpenAiHostileInputTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<JsonNode> REPLACEMENTS =
      List.of(
          NODES.nullNode(),
          NODES.numberNode(-1),
          NODES.numberNode(1e300),
          NODES.textNode(""),
          NODES.textNode("data:x"),
          NODES.booleanNode(true),
          NODES.arrayNode(),
          NODES.arrayNode().add(NODES.objectNode()),
          NODES.objectNode());

  private final OpenAiChatCodec codec = new OpenAiChatCodec();

  @Test
  void requestDecoderNeverCrashes() {
    for (String golden : List.of("request-conversation.json", "request-tools.json")) {
      everyMutation(
          Goldens.json("openai/" + golden),
          body -> expectOnlyProxyErrors(() -> codec.decodeRequest(body)));
    }
  }

  @Test
  void responseDecoderNeverCrashes() {
    everyMutation(
        Goldens.json("openai/response-tools.json"),
        body -> expectOnlyProxyErrors(() -> codec.decodeResponse(body)));
  }

  @Test
  void streamDecoderNeverThrows() {
    String sse = Goldens.text("openai/upstream-stream-reasoning-parallel.sse");
    for (String line : sse.split("\n")) {
      if (!line.startsWith("data: {")) {
        continue;
      }
      everyMutation(
          Goldens.tree(line.substring(6).getBytes(StandardCharsets.UTF_8)),
          chunk -> {
            StreamDecoder decoder = codec.streamDecoder(FixedContext.create());
            byte[] event =
                ("data: " + new String(chunk, StandardCharsets.UTF_8) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            List<StreamEvent> events = new ArrayList<>(decoder.onEvent(event));
            events.addAll(decoder.onEvent(event));
            events.addAll(decoder.onEnd());
            CanonicalShape.check(events);
          });
    }
  }

  private static void expectOnlyProxyErrors(Runnable decode) {
    try {
      decode.run();
    } catch (ProxyException expected) {
      assertThat(expected.error().status()).isIn(400, 502);
    }
  }

  /** Calls {@code check} with the body once per (value position, replacement). */
  private static void everyMutation(JsonNode root, Consumer<byte[]> check) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    for (JsonNode container : containers) {
      List<String> names = new ArrayList<>();
      container.fieldNames().forEachRemaining(names::add);
      int size = container.isArray() ? container.size() : names.size();
      for (int i = 0; i < size; i++) {
        for (JsonNode replacement : REPLACEMENTS) {
          JsonNode original;
          if (container instanceof ObjectNode object) {
            original = object.replace(names.get(i), replacement);
          } else {
            original = ((ArrayNode) container).set(i, replacement);
          }
          try {
            check.accept(root.toString().getBytes(StandardCharsets.UTF_8));
          } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("mutated body: " + root, e);
          } finally {
            if (container instanceof ObjectNode object) {
              object.replace(names.get(i), original);
            } else {
              ((ArrayNode) container).set(i, original);
            }
          }
        }
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.elements().forEachRemaining(child -> collect(child, out));
    }
  }
}
