package dev.cliproxy.dialect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.Optional;

/**
 * The top-level fields routing needs from a JSON request body ({@code model}, {@code stream}), read
 * in one streaming pass that also checks the whole body is well-formed JSON and, given the client
 * dialect's {@link BodyShape}, that the top-level fields the proxy relies on have the right JSON
 * types. It remembers where the model string sits so the body can be forwarded byte for byte with
 * only the model replaced.
 *
 * @param model the {@code model} string, if present
 * @param stream whether {@code "stream": true} is set
 * @param modelStart byte offset of the model value (including its opening quote), or -1
 * @param modelEnd byte offset just past the model value, or -1
 */
public record RequestHead(Optional<String> model, boolean stream, int modelStart, int modelEnd) {

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(512)
                  .maxStringLength(512 << 20)
                  .build())
          .build();

  /**
   * Reads the head of a request body, checking no field beyond {@code model} and {@code stream}.
   *
   * @throws ProxyException (400) when the body is not a well-formed JSON object, or {@code model}
   *     or {@code stream} have the wrong type
   */
  public static RequestHead read(byte[] body) {
    return read(body, BodyShape.ANY);
  }

  /**
   * Reads the head of a request body and checks its top-level fields against a shape, in the same
   * single pass.
   *
   * @throws ProxyException (400) when the body is not a well-formed JSON object, {@code model} or
   *     {@code stream} have the wrong type, or a field of the shape is missing or of a wrong type
   */
  public static RequestHead read(byte[] body, BodyShape shape) {
    if (body.length == 0) {
      throw ProxyError.invalidRequest(
              "invalid_json", "The request body is empty; send a JSON object.")
          .toException();
    }
    Optional<String> model = Optional.empty();
    boolean stream = false;
    int modelStart = -1;
    int modelEnd = -1;
    long seen = 0;
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
          default -> {
            BodyShape.Field field = shape.field(name);
            if (field == null) {
              parser.skipChildren();
            } else if (check(parser, field, value, "")) {
              seen |= field.bit();
            }
          }
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw ProxyError.invalidRequest("invalid_json", "The request body is not valid JSON.")
            .toException();
      }
      if (seen != shape.requiredMask()) {
        throw missing(shape, seen, "");
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

  /**
   * Checks one field's value (the parser is on its first token) and moves past it.
   *
   * @return whether the value is present (not null)
   */
  private static boolean check(JsonParser parser, BodyShape.Field field, JsonToken value, String at)
      throws IOException {
    BodyShape.Kind kind =
        switch (value) {
          case START_ARRAY -> BodyShape.Kind.ARRAY;
          case START_OBJECT -> BodyShape.Kind.OBJECT;
          case VALUE_STRING -> BodyShape.Kind.STRING;
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> BodyShape.Kind.NUMBER;
          case VALUE_TRUE, VALUE_FALSE -> BodyShape.Kind.BOOLEAN;
          default -> null;
        };
    if (kind == null) {
      return false;
    }
    if (!field.allows(kind)) {
      throw ProxyError.invalidRequest(
              "invalid_type",
              "'"
                  + at
                  + field.name()
                  + "' must be "
                  + field.expected()
                  + ", got "
                  + describe(parser))
          .toException();
    }
    if (kind == BodyShape.Kind.OBJECT && field.nested() != BodyShape.ANY) {
      checkMembers(parser, field.nested(), at + field.name() + ".");
    } else if (kind == BodyShape.Kind.ARRAY && field.objectElements()) {
      checkObjectElements(parser, at + field.name());
    } else {
      parser.skipChildren();
    }
    return true;
  }

  /** Checks that every element of an array is an object, up to and including the array's end. */
  private static void checkObjectElements(JsonParser parser, String at) throws IOException {
    int index = 0;
    for (JsonToken element = parser.nextToken();
        element != JsonToken.END_ARRAY;
        element = parser.nextToken()) {
      if (element != JsonToken.START_OBJECT) {
        throw ProxyError.invalidRequest(
                "invalid_type",
                "'" + at + "[" + index + "]' must be an object, got " + describe(parser))
            .toException();
      }
      parser.skipChildren();
      index++;
    }
  }

  /** Checks the members of an object against a nested shape, up to and including its end. */
  private static void checkMembers(JsonParser parser, BodyShape shape, String at)
      throws IOException {
    long seen = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      BodyShape.Field field = shape.field(parser.currentName());
      JsonToken value = parser.nextToken();
      if (field == null) {
        parser.skipChildren();
      } else if (check(parser, field, value, at)) {
        seen |= field.bit();
      }
    }
    if (seen != shape.requiredMask()) {
      throw missing(shape, seen, at);
    }
  }

  /** The refusal naming the first required field of the shape that was not seen. */
  private static ProxyException missing(BodyShape shape, long seen, String at) {
    for (BodyShape.Field field : shape.required()) {
      if ((seen & field.bit()) == 0) {
        return ProxyError.invalidRequest(
                "missing_field",
                "'" + at + field.name() + "' is required (" + field.expected() + ").")
            .toException();
      }
    }
    throw new IllegalStateException("no required field is missing");
  }

  /** The body with the model value replaced, every other byte unchanged. */
  public byte[] withModel(byte[] body, String newModel) {
    if (modelStart < 0) {
      throw new IllegalStateException("the body has no model field to replace");
    }
    byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(newModel);
    byte[] out = new byte[body.length - (modelEnd - modelStart) + quoted.length + 2];
    System.arraycopy(body, 0, out, 0, modelStart);
    int at = modelStart;
    out[at++] = '"';
    System.arraycopy(quoted, 0, out, at, quoted.length);
    at += quoted.length;
    out[at++] = '"';
    System.arraycopy(body, modelEnd, out, at, body.length - modelEnd);
    return out;
  }

  /**
   * The head of the body {@link #withModel} makes with {@code newModel}, known without reading that
   * body again (its fields and shape are this body's).
   */
  public RequestHead withModelHead(String newModel) {
    if (modelStart < 0) {
      throw new IllegalStateException("the body has no model field to replace");
    }
    int quoted = JsonStringEncoder.getInstance().quoteAsUTF8(newModel).length;
    return new RequestHead(Optional.of(newModel), stream, modelStart, modelStart + quoted + 2);
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
