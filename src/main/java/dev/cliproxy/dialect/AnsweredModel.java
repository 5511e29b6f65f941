package dev.cliproxy.dialect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renames the model an answer reports, in every dialect's place for it, so a client that asked for
 * one model name sees that name even though another model answered: {@code model} at the top
 * (OpenAI chat and completions, Claude, Responses), {@code message.model} (Claude's {@code
 * message_start}), {@code response.model} (Responses events), {@code modelVersion} (Gemini) and
 * {@code response.modelVersion} (the Code Assist envelope). Works on whole JSON bodies and on raw
 * server-sent events; what is not JSON, or names no model, is returned unchanged.
 */
public final class AnsweredModel {
  /** Numbers keep their digits, as the upstream wrote them. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private static final List<String> TOP = List.of("model", "modelVersion");
  private static final List<String> NESTING = List.of("message", "response");

  private final String model;

  /** Renames to {@code model}. */
  public AnsweredModel(String model) {
    this.model = model;
  }

  /** A whole JSON answer with the model renamed. */
  public byte[] inBody(byte[] body) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      return body;
    }
    if (!(tree instanceof ObjectNode root) || !rename(root)) {
      return body;
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      return body;
    }
  }

  /**
   * One raw server-sent event with the model renamed in its JSON data; its other lines ({@code
   * event:}, {@code id:}) are kept in order, and multi-line data becomes one {@code data:} line.
   */
  public byte[] inEvent(byte[] event) {
    String text = new String(event, StandardCharsets.UTF_8);
    if (!text.contains("odel")) {
      return event; // neither "model" nor "modelVersion": the common case, no parsing
    }
    StringBuilder data = null;
    String[] lines = text.split("\n", -1);
    for (String line : lines) {
      String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (bare.startsWith("data:")) {
        String value = bare.substring(bare.length() > 5 && bare.charAt(5) == ' ' ? 6 : 5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    if (data == null) {
      return event;
    }
    byte[] original = data.toString().getBytes(StandardCharsets.UTF_8);
    byte[] renamed = inBody(original);
    if (renamed == original) {
      return event;
    }
    StringBuilder out = new StringBuilder(text.length() + model.length());
    boolean written = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("data:")) {
        if (!written) {
          out.append("data: ").append(new String(renamed, StandardCharsets.UTF_8));
          out.append(line.endsWith("\r") ? "\r" : "");
          written = true;
        } else {
          continue;
        }
      } else {
        out.append(line);
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private boolean rename(ObjectNode node) {
    boolean renamed = renameTop(node);
    for (String nest : NESTING) {
      if (node.get(nest) instanceof ObjectNode inner) {
        renamed |= renameTop(inner);
      }
    }
    return renamed;
  }

  private boolean renameTop(ObjectNode node) {
    boolean renamed = false;
    for (String field : TOP) {
      JsonNode value = node.get(field);
      if (value != null && value.isTextual() && !value.asText().equals(model)) {
        node.put(field, model);
        renamed = true;
      }
    }
    return renamed;
  }
}
