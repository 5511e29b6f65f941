package dev.cliproxy.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsModelAndStreamAtTheTopLevelOnly() {
    RequestHead head =
        RequestHead.read(
            bytes(
                "{\"messages\":[{\"model\":\"inner\",\"stream\":true}],\"model\":\"gpt-x\","
                    + "\"stream\":true,\"metadata\":{\"model\":\"nested\"}}"));

    assertThat(head.model()).hasValue("gpt-x");
    assertThat(head.stream()).isTrue();
  }

  @Test
  void replacingTheModelKeepsEveryOtherByte() {
    String original =
        "{ \"temperature\": 1.0e0,\n  \"model\" : \"alias\", \"x\":\"\\u00e9\", \"n\":10000000000000000000001 }";
    RequestHead head = RequestHead.read(bytes(original));

    String replaced =
        new String(head.withModel(bytes(original), "vendor/real\"model"), StandardCharsets.UTF_8);

    assertThat(replaced)
        .isEqualTo(
            "{ \"temperature\": 1.0e0,\n  \"model\" : \"vendor/real\\\"model\", \"x\":\"\\u00e9\", \"n\":10000000000000000000001 }");
  }

  @Test
  void replacingWorksWithMultibyteTextBeforeTheModel() {
    String original = "{\"messages\":[{\"content\":\"héllo 🌍\"}],\"model\":\"a\"}";
    RequestHead head = RequestHead.read(bytes(original));

    assertThat(new String(head.withModel(bytes(original), "bb"), StandardCharsets.UTF_8))
        .isEqualTo("{\"messages\":[{\"content\":\"héllo 🌍\"}],\"model\":\"bb\"}");
  }

  @Test
  void streamFalseOrNullOrAbsentMeansNoStream() {
    assertThat(RequestHead.read(bytes("{\"model\":\"m\",\"stream\":false}")).stream()).isFalse();
    assertThat(RequestHead.read(bytes("{\"model\":\"m\",\"stream\":null}")).stream()).isFalse();
    assertThat(RequestHead.read(bytes("{\"model\":\"m\"}")).stream()).isFalse();
  }

  @Test
  void missingModelIsReportedAsEmpty() {
    assertThat(RequestHead.read(bytes("{\"messages\":[]}")).model()).isEmpty();
  }

  @Test
  void rejectsWhatIsNotAJsonObject() {
    for (String bad :
        new String[] {
          "", "[]", "\"text\"", "{\"model\":\"m\"", "{\"model\":\"m\"} trailing", "{model:1}", "nul"
        }) {
      assertThatThrownBy(() -> RequestHead.read(bytes(bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              ProxyException.class,
              e -> {
                assertThat(e.error().status()).isEqualTo(400);
                assertThat(e.error().code()).isEqualTo("invalid_json");
              });
    }
  }

  @Test
  void rejectsWrongTypesNamingTheField() {
    assertThatThrownBy(() -> RequestHead.read(bytes("{\"model\":[\"a\"]}")))
        .hasMessageContaining("'model' must be a string, got an array");
    assertThatThrownBy(() -> RequestHead.read(bytes("{\"model\":\"m\",\"stream\":\"yes\"}")))
        .hasMessageContaining("'stream' must be true or false, got a string");
  }

  @Test
  void deeplyNestedInputIsRejectedNotACrash() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> RequestHead.read(bytes(deep)))
        .isInstanceOfSatisfying(
            ProxyException.class, e -> assertThat(e.error().status()).isEqualTo(400));
  }

  @Test
  void theHeadOfARenamedBodyIsKnownWithoutReadingItAgain() {
    String original = "{\"stream\":true, \"model\" : \"a\", \"messages\":[]}";
    RequestHead head = RequestHead.read(bytes(original));
    for (String model : new String[] {"claude-sonnet-4-5", "vendor/real\"model", "ü-模型"}) {
      byte[] renamed = head.withModel(bytes(original), model);

      assertThat(head.withModelHead(model)).isEqualTo(RequestHead.read(renamed));
    }
  }
}
