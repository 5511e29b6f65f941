package dev.cliproxy.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.model.StreamCollector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponsesStreamCollectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static StreamCollector.Result collect(String... events) {
    StreamCollector collector = new ResponsesCodec().streamCollector();
    for (String event : events) {
      collector.onEvent(event.getBytes(StandardCharsets.UTF_8));
    }
    return collector.result();
  }

  private static String event(String type, String fields) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\"" + fields + "}\n\n";
  }

  private static final String ITEM =
      "{\"type\":\"message\",\"id\":\"m1\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi\"}]}";

  @Test
  void theCompletedResponseIsTheWholeAnswer() throws Exception {
    StreamCollector.Result result =
        collect(
            event("response.created", ",\"response\":{\"id\":\"r1\",\"status\":\"in_progress\"}"),
            event("response.output_text.delta", ",\"output_index\":0,\"delta\":\"hi\""),
            event("response.output_item.done", ",\"output_index\":0,\"item\":" + ITEM),
            event(
                "response.completed",
                ",\"response\":{\"id\":\"r1\",\"status\":\"completed\",\"output\":["
                    + ITEM
                    + "],\"usage\":{\"input_tokens\":3,\"output_tokens\":1,\"total_tokens\":4}}"));

    assertThat(result)
        .isInstanceOfSatisfying(
            StreamCollector.Result.Complete.class,
            c -> {
              JsonNode body = read(c.body());
              assertThat(body.path("id").asText()).isEqualTo("r1");
              assertThat(body.path("output")).hasSize(1);
              assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(4);
            });
  }

  @Test
  void anEmptyCompletedOutputIsFilledFromTheDoneItemsInOutputOrder() {
    String call =
        "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{}\"}";
    StreamCollector.Result result =
        collect(
            event("response.output_item.done", ",\"output_index\":1,\"item\":" + call),
            event("response.output_item.done", ",\"output_index\":0,\"item\":" + ITEM),
            event(
                "response.completed",
                ",\"response\":{\"id\":\"r1\",\"status\":\"completed\",\"output\":[]}"));

    assertThat(result)
        .isInstanceOfSatisfying(
            StreamCollector.Result.Complete.class,
            c ->
                assertThat(read(c.body()).path("output").findValuesAsText("type"))
                    .containsExactly("message", "output_text", "function_call"));
  }

  @Test
  void aStreamWithoutCompletedIsCutShort() {
    StreamCollector.Result result =
        collect(event("response.output_item.done", ",\"output_index\":0,\"item\":" + ITEM));

    assertThat(result)
        .isInstanceOfSatisfying(
            StreamCollector.Result.Incomplete.class,
            i -> {
              assertThat(i.error().status()).isEqualTo(408);
              assertThat(i.error().message()).contains("stream closed before response.completed");
              assertThat(read(i.body()).path("error").path("message").asText())
                  .isEqualTo(i.error().message());
            });
  }

  @Test
  void aFailedResponseQuotesTheUpstream() {
    StreamCollector.Result result =
        collect(
            event(
                "response.failed",
                ",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}"));

    assertThat(result)
        .isInstanceOfSatisfying(
            StreamCollector.Result.Incomplete.class,
            i -> {
              assertThat(i.error().status()).isEqualTo(502);
              assertThat(i.error().message()).contains("server_error", "boom");
            });
  }

  private static JsonNode read(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
