package dev.cliproxy.dialect.model;

import com.fasterxml.jackson.databind.JsonNode;

/** The shape the answer must have. */
public sealed interface ResponseFormat {

  /** Free text (the default). */
  record Text() implements ResponseFormat {}

  /** Any JSON object. */
  record JsonObject() implements ResponseFormat {}

  /** JSON matching a schema; {@code name} may be empty. */
  record JsonSchema(String name, JsonNode schema, boolean strict) implements ResponseFormat {}

  ResponseFormat TEXT = new Text();
}
