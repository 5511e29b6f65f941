package dev.cliproxy.server.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyException;
import org.junit.jupiter.api.Test;

class TranscriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode create(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  @Test
  void theWebSocketsOwnFieldsAreDroppedAndAStringInputBecomesAUserMessage() throws Exception {
    ObjectNode body =
        new Transcript()
            .expand(
                create(
                    "{\"type\":\"response.create\",\"model\":\"m\",\"generate\":true,"
                        + "\"background\":false,\"input\":\"hi\"}"));

    assertThat(body.toString())
        .isEqualTo("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  @Test
  void theLatestResponseIsContinuedWithItsInputAndOutputBeforeTheNewItems() throws Exception {
    Transcript transcript = new Transcript();
    ArrayNode input = (ArrayNode) JSON.readTree("[{\"role\":\"user\",\"content\":\"one\"}]");
    ArrayNode output =
        (ArrayNode) JSON.readTree("[{\"type\":\"function_call\",\"call_id\":\"c1\"}]");
    transcript.remember("resp_1", input, output);

    ObjectNode body =
        transcript.expand(
            create(
                "{\"type\":\"response.create\",\"previous_response_id\":\"resp_1\",\"input\":"
                    + "[{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"ok\"}]}"));

    assertThat(body.has("previous_response_id")).isFalse();
    assertThat(body.path("input").toString())
        .isEqualTo(
            "[{\"role\":\"user\",\"content\":\"one\"},{\"type\":\"function_call\",\"call_id\":\"c1\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"ok\"}]");
  }

  @Test
  void anOlderOrForgottenResponseCannotBeContinued() throws Exception {
    Transcript transcript = new Transcript();
    transcript.remember("resp_1", JSON.createArrayNode(), JSON.createArrayNode());
    transcript.remember("resp_2", JSON.createArrayNode(), JSON.createArrayNode());

    assertThatThrownBy(
            () -> transcript.expand(create("{\"previous_response_id\":\"resp_1\",\"input\":[]}")))
        .isInstanceOf(ProxyException.class)
        .satisfies(e ->
            assertThat(((ProxyException) e).error().code())
                .isEqualTo("previous_response_not_found"))
        .hasMessageContaining("resp_2");
    transcript.forget();
    assertThatThrownBy(
            () -> transcript.expand(create("{\"previous_response_id\":\"resp_2\",\"input\":[]}")))
        .isInstanceOf(ProxyException.class);
  }

  @Test
  void anInputThatIsNeitherStringNorArrayIsA400() {
    assertThatThrownBy(() -> new Transcript().expand(create("{\"input\":5}")))
        .isInstanceOf(ProxyException.class)
        .satisfies(e -> assertThat(((ProxyException) e).error().status()).isEqualTo(400));
  }
}
