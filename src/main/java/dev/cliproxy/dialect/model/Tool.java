package dev.cliproxy.dialect.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool the model may use. */
public sealed interface Tool {

  /**
   * A function the client implements.
   *
   * @param name its name
   * @param description what it does, may be empty
   * @param parameters JSON Schema of its arguments (an object schema)
   * @param strict whether the provider must follow the schema exactly (OpenAI {@code strict})
   */
  record Function(String name, String description, JsonNode parameters, boolean strict)
      implements Tool {}

  /**
   * A tool only one dialect knows (web search, code execution, Claude's computer use), kept as sent
   * and passed on only to the same dialect.
   */
  record Native(Dialect dialect, JsonNode definition) implements Tool {}
}
