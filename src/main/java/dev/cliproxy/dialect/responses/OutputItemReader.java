package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one upstream output item into canonical parts: a message gives its texts (refusals
 * included), a reasoning item one thinking part (summaries joined by a blank line, {@code
 * encrypted_content} as its Responses signature), a function_call one tool call. Hosted-tool items
 * give nothing.
 */
final class OutputItemReader {
  private OutputItemReader() {}

  static List<Part> read(JsonNode item) {
    return switch (item.path("type").asText("")) {
      case "message" -> texts(item);
      case "reasoning" -> List.of(thinking(item));
      case "function_call" ->
          List.of(
              new Part.ToolCall(
                  item.path("call_id").asText(""),
                  item.path("name").asText(""),
                  arguments(item),
                  Optional.empty()));
      default -> List.of();
    };
  }

  static List<Part> texts(JsonNode message) {
    List<Part> out = new ArrayList<>();
    for (JsonNode part : message.path("content")) {
      String type = part.path("type").asText("");
      if (type.equals("output_text")) {
        out.add(new Part.Text(part.path("text").asText("")));
      } else if (type.equals("refusal")) {
        out.add(new Part.Text(part.path("refusal").asText("")));
      }
    }
    return out;
  }

  static Part.Thinking thinking(JsonNode reasoning) {
    return new Part.Thinking(summary(reasoning), signature(reasoning));
  }

  static String summary(JsonNode reasoning) {
    StringBuilder text = new StringBuilder();
    for (JsonNode s : reasoning.path("summary")) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(s.path("text").asText(""));
    }
    return text.toString();
  }

  static Optional<Signature> signature(JsonNode reasoning) {
    JsonNode value = reasoning.path("encrypted_content");
    return value.isTextual() && !value.textValue().isEmpty()
        ? Optional.of(new Signature(Dialect.OPENAI_RESPONSES, value.textValue()))
        : Optional.empty();
  }

  static String arguments(JsonNode functionCall) {
    String args = functionCall.path("arguments").asText("");
    return args.isEmpty() ? "{}" : args;
  }
}
