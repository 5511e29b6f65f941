package dev.cliproxy.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.RequestHead;
import java.io.IOException;
import java.util.Optional;

/**
 * The baseline for {@link RequestHeadBenchmark}: {@code RequestHead.read(body)} exactly as it was
 * on main before the body-shape check (issue 18 part 2, commit 2637a4c), copied verbatim so both
 * run in the same JVM against the same jar.
 */
final class MainRequestHead {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(512)
                  .maxStringLength(512 << 20)
                  .build())
          .build();

  private MainRequestHead() {}

  static RequestHead read(byte[] body) {
    if (body.length == 0) {
      throw ProxyError.invalidRequest(
              "invalid_json", "The request body is empty; send a JSON object.")
          .toException();
    }
    Optional<String> model = Optional.empty();
    boolean stream = false;
    int modelStart = -1;
    int modelEnd = -1;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw ProxyError.invalidRequest(
                "invalid_json", "The request body must be a JSON object, not " + describe(parser))
            .toException();
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "model" -> {
            if (value != JsonToken.VALUE_STRING) {
              throw ProxyError.invalidRequest(
                      "invalid_type", "'model' must be a string, got " + describe(parser))
                  .toException();
            }
            modelStart = (int) parser.currentTokenLocation().getByteOffset();
            model = Optional.of(parser.getText());
            modelEnd = (int) parser.currentLocation().getByteOffset();
          }
          case "stream" -> {
            if (value == JsonToken.VALUE_TRUE) {
              stream = true;
            } else if (value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
              throw ProxyError.invalidRequest(
                      "invalid_type", "'stream' must be true or false, got " + describe(parser))
                  .toException();
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw ProxyError.invalidRequest("invalid_json", "The request body is not valid JSON.")
            .toException();
      }
      if (parser.nextToken() != null) {
        throw ProxyError.invalidRequest(
                "invalid_json", "The request body has extra content after the JSON object.")
            .toException();
      }
    } catch (JsonParseException e) {
      throw ProxyError.invalidRequest(
              "invalid_json",
              "The request body is not valid JSON: "
                  + e.getOriginalMessage()
                  + " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ").")
          .toException();
    } catch (IOException e) {
      throw ProxyError.invalidRequest(
              "invalid_json", "The request body could not be read as JSON: " + e.getMessage())
          .toException();
    }
    return new RequestHead(model, stream, modelStart, modelEnd);
  }

  private static String describe(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString();
    };
  }
}
