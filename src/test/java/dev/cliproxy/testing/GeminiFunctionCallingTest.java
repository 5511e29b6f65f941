package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The Google fakes refuse what Gemini refuses about tools and signatures, and no more. */
class GeminiFunctionCallingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GeminiFunctionCalling gemini = new GeminiFunctionCalling();

  private static ObjectNode ask(String schema) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"weather?\"}]}],"
                + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\","
                + "\"parametersJsonSchema\":"
                + schema
                + "}]}]}");
  }

  @Test
  void schemaKeywordsGeminiLacksAreRefusedWithGooglesMessage() throws Exception {
    String clean =
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"when\":{\"type\":\"string\",\"format\":\"date-time\"},"
            + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"a\"]}}},"
            + "\"required\":[\"city\"]}";
    assertThat(gemini.problem(ask(clean))).isNull();
    assertThat(gemini.problem(ask("{\"$schema\":\"x\",\"type\":\"object\"}")))
        .isEqualTo(
            "Invalid JSON payload received. Unknown name \"$schema\" at"
                + " 'tools[0].function_declarations[0].parametersJsonSchema': Cannot find field.");
    for (String dirty :
        new String[] {
          "{\"type\":\"object\",\"additionalProperties\":false}",
          "{\"type\":\"object\",\"properties\":{\"u\":{\"$ref\":\"#/$defs/U\"}}}",
          "{\"type\":\"object\",\"properties\":{\"k\":{\"const\":\"w\"}}}",
          "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"exclusiveMinimum\":0}}}",
          "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"format\":\"uri\"}}}",
          "{\"type\":[\"string\",\"null\"]}",
          "{\"type\":\"array\",\"items\":{\"anyOf\":[{\"type\":\"string\",\"title\":\"t\","
              + "\"examples\":[\"x\"]}]}}"
        }) {
      assertThat(gemini.problem(ask(dirty))).as(dirty).isNotNull();
    }
  }

  @Test
  void aCallsSignatureMustComeBackOnThatCallOrBeTheDocumentedBypass() throws Exception {
    ObjectNode first = ask("{\"type\":\"object\"}");
    ObjectNode call = gemini.answer(first);
    JsonNode part = call.at("/parts/0");
    assertThat(part.at("/functionCall/name").asText()).isEqualTo("get_weather");
    String signature = part.path("thoughtSignature").asText();
    assertThat(signature).isNotEmpty();

    assertThat(gemini.problem(history(first, signature, "get_weather"))).isNull();
    assertThat(gemini.problem(history(first, GeminiFunctionCalling.SKIP_VALIDATOR, "get_weather")))
        .isNull();
    assertThat(gemini.problem(history(first, null, "get_weather")))
        .startsWith("Function call is missing a thought_signature in functionCall parts.");
    assertThat(gemini.problem(history(first, "c29tZXRoaW5nIGVsc2U=", "get_weather")))
        .isEqualTo("Corrupted thought signature.");
    assertThat(gemini.problem(history(first, signature, "get_time")))
        .as("another call's signature")
        .isEqualTo("Corrupted thought signature.");
    assertThat(gemini.answer(history(first, signature, "get_weather")).at("/parts/0/text").asText())
        .isEqualTo("done: {\"result\":\"sunny\"}");
  }

  private static ObjectNode history(ObjectNode first, String signature, String name) {
    ObjectNode next = first.deepCopy();
    ObjectNode part =
        next.withArray("contents").addObject().put("role", "model").putArray("parts").addObject();
    part.putObject("functionCall").put("name", name).putObject("args").put("city", "Paris");
    if (signature != null) {
      part.put("thoughtSignature", signature);
    }
    next.withArray("contents")
        .addObject()
        .put("role", "user")
        .putArray("parts")
        .addObject()
        .putObject("functionResponse")
        .put("name", name)
        .putObject("response")
        .put("result", "sunny");
    return next;
  }
}
