package dev.cliproxy.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Tool schemas from other dialects, cleaned of the JSON Schema keywords Gemini refuses. */
class GeminiToolSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPlainSchemaStaysAsItIs() throws Exception {
    String plain =
        "{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\",\"description\":\"c\"},"
            + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}},"
            + "\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":9}},\"required\":[\"city\"]}";
    assertThat(clean(plain)).isEqualTo(JSON.readTree(plain));
  }

  @Test
  void metaKeywordsAndObjectKeyConstraintsGo() throws Exception {
    JsonNode cleaned =
        clean(
            "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"$id\":\"x\",\"type\":\"object\","
                + "\"title\":\"T\",\"additionalProperties\":false,\"strict\":true,"
                + "\"patternProperties\":{\"^x-\":{\"type\":\"string\"}},\"propertyNames\":{\"pattern\":\"a\"},"
                + "\"x-google-extension\":1,\"$comment\":\"c\","
                + "\"properties\":{\"title\":{\"type\":\"string\",\"title\":\"The title\"},"
                + "\"additionalProperties\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}}");
    assertThat(cleaned)
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
                    + "\"additionalProperties\":{\"type\":\"object\"}}}"));
  }

  @Test
  void localRefsAreInlinedAndTheirDefinitionsDropped() throws Exception {
    JsonNode cleaned =
        clean(
            "{\"type\":\"object\",\"$defs\":{\"Point\":{\"type\":\"object\",\"properties\":"
                + "{\"x\":{\"type\":\"number\"}}}},\"definitions\":{\"Name\":{\"type\":\"string\"}},"
                + "\"properties\":{\"at\":{\"$ref\":\"#/$defs/Point\",\"description\":\"where\"},"
                + "\"who\":{\"$ref\":\"#/definitions/Name\"},\"far\":{\"$ref\":\"https://x/y.json\"}}}");
    assertThat(cleaned)
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"at\":{\"type\":\"object\",\"properties\":"
                    + "{\"x\":{\"type\":\"number\"}},\"description\":\"where\"},"
                    + "\"who\":{\"type\":\"string\"},"
                    + "\"far\":{\"type\":\"object\",\"description\":\"(See: https://x/y.json)\"}}}"));
  }

  @Test
  void aRecursiveRefStopsAsAHint() throws Exception {
    JsonNode cleaned =
        clean(
            "{\"$ref\":\"#/$defs/Node\",\"$defs\":{\"Node\":{\"type\":\"object\",\"properties\":"
                + "{\"next\":{\"$ref\":\"#/$defs/Node\"}}}}}");
    assertThat(cleaned.path("type").asText()).isEqualTo("object");
    assertThat(cleaned.path("properties").path("next").path("description").asText())
        .isEqualTo("(See: Node)");
    assertThat(cleaned.toString()).doesNotContain("$ref", "$defs");
  }

  @Test
  void constBecomesEnumAndEnumsAreStrings() throws Exception {
    JsonNode cleaned =
        clean(
            "{\"type\":\"object\",\"properties\":{\"kind\":{\"const\":\"fixed\"},"
                + "\"level\":{\"type\":\"integer\",\"enum\":[1,2,3]},"
                + "\"flag\":{\"type\":\"boolean\",\"enum\":[true,false]}}}");
    assertThat(cleaned.path("properties").path("kind"))
        .isEqualTo(JSON.readTree("{\"type\":\"string\",\"enum\":[\"fixed\"]}"));
    assertThat(cleaned.path("properties").path("level"))
        .isEqualTo(JSON.readTree("{\"type\":\"string\",\"enum\":[\"1\",\"2\",\"3\"]}"));
    assertThat(cleaned.path("properties").path("flag"))
        .isEqualTo(JSON.readTree("{\"type\":\"boolean\"}"));
  }

  @Test
  void unsupportedConstraintsMoveIntoTheDescription() throws Exception {
    JsonNode cleaned =
        clean(
            "{\"type\":\"object\",\"properties\":{"
                + "\"count\":{\"type\":\"integer\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":10},"
                + "\"ratio\":{\"type\":\"number\",\"exclusiveMinimum\":0.5,\"description\":\"r\"},"
                + "\"url\":{\"type\":\"string\",\"format\":\"uri\",\"default\":\"https://a\"},"
                + "\"when\":{\"type\":\"string\",\"format\":\"date-time\",\"examples\":[\"2026\"]}}}");
    JsonNode properties = cleaned.path("properties");
    assertThat(properties.path("count"))
        .isEqualTo(JSON.readTree("{\"type\":\"integer\",\"minimum\":1,\"maximum\":9}"));
    assertThat(properties.path("ratio"))
        .isEqualTo(
            JSON.readTree("{\"type\":\"number\",\"description\":\"r (exclusiveMinimum: 0.5)\"}"));
    assertThat(properties.path("url"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"string\",\"description\":\"(format: uri, default: \\\"https://a\\\")\"}"));
    assertThat(properties.path("when"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"string\",\"format\":\"date-time\","
                    + "\"description\":\"(examples: [\\\"2026\\\"])\"}"));
  }

  @Test
  void unionsAndTypeListsFlattenToOneBranchAndNullableFieldsAreOptional() throws Exception {
    JsonNode cleaned =
        clean(
            "{\"type\":\"object\",\"required\":[\"a\",\"b\",\"c\",\"gone\"],\"properties\":{"
                + "\"a\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"properties\":"
                + "{\"k\":{\"type\":\"string\"}}}]},"
                + "\"b\":{\"type\":[\"string\",\"null\"]},"
                + "\"c\":{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"null\"}],\"description\":\"c\"}}}");
    assertThat(cleaned.path("required")).isEqualTo(JSON.readTree("[\"a\"]"));
    JsonNode properties = cleaned.path("properties");
    assertThat(properties.path("a"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"k\":{\"type\":\"string\"}},"
                    + "\"description\":\"(Accepts: string | object)\"}"));
    assertThat(properties.path("b")).isEqualTo(JSON.readTree("{\"type\":\"string\"}"));
    assertThat(properties.path("c"))
        .isEqualTo(JSON.readTree("{\"type\":\"integer\",\"description\":\"c\"}"));
  }

  @Test
  void allOfMergesAndArraysGetItems() throws Exception {
    JsonNode cleaned =
        clean(
            "{\"allOf\":[{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},"
                + "\"required\":[\"a\"]},{\"properties\":{\"b\":{\"type\":\"array\"}},"
                + "\"required\":[\"b\"]}]}");
    assertThat(cleaned)
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},"
                    + "\"b\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                    + "\"required\":[\"a\",\"b\"]}"));
  }

  @Test
  void anEmptyOrMissingSchemaIsAnEmptyObject() throws Exception {
    assertThat(GeminiToolSchema.clean(null))
        .isEqualTo(JSON.readTree("{\"type\":\"object\",\"properties\":{}}"));
    assertThat(clean("{\"properties\":{\"a\":{\"type\":\"string\"}}}").path("type").asText())
        .isEqualTo("object");
  }

  private static JsonNode clean(String schema) throws Exception {
    return GeminiToolSchema.clean(JSON.readTree(schema));
  }
}
