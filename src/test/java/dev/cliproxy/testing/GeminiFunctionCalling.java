package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Function calling as Gemini does it, shared by the Google fakes ({@link FakeGeminiApi}, {@link
 * FakeVertex}, {@link FakeCodeAssist}, {@link FakeAntigravity}) on the inner {@code
 * GenerateContentRequest}.
 *
 * <p>Tool schemas ({@code parameters} or {@code parametersJsonSchema}) may only use the keywords of
 * Gemini's {@code Schema} (type, format, description, enum, items, properties, required, the
 * bounds, anyOf…); anything else ({@code $schema}, {@code $ref}, {@code $defs}, {@code
 * additionalProperties}, {@code const}, {@code exclusiveMinimum}, …), a list of types or a string
 * {@code format} other than {@code enum} and {@code date-time} is refused with Google's 400 {@code
 * INVALID_ARGUMENT} message. Google takes more JSON Schema in {@code parametersJsonSchema} than in
 * {@code parameters}; the fake is stricter there on purpose, holding the proxy to what its schema
 * cleaner promises (a schema any Gemini surface accepts, Code Assist and older models included).
 *
 * <p>A request offering functions whose last turn is the user's text is answered with a call of the
 * first function, {@code {"city":"Paris"}}, carrying a fresh {@code thoughtSignature}. A request
 * whose history holds a {@code functionCall} is refused unless that part carries the signature
 * issued for that very call or the documented {@code skip_thought_signature_validator}, as Gemini 3
 * refuses it. A turn answering calls is answered with the text {@code "done: <responses>"}.
 */
public final class GeminiFunctionCalling {
  /** The validator bypass Google documents for history that did not come from Gemini. */
  public static final String SKIP_VALIDATOR = "skip_thought_signature_validator";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> SCHEMA_FIELDS =
      Set.of(
          "type",
          "format",
          "title",
          "description",
          "nullable",
          "enum",
          "maxItems",
          "minItems",
          "properties",
          "required",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "pattern",
          "example",
          "anyOf",
          "propertyOrdering",
          "default",
          "items",
          "minimum",
          "maximum");

  private static final Set<String> STRING_FORMATS = Set.of("enum", "date-time");

  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> issued = new ConcurrentHashMap<>();

  /** Why Gemini would refuse the request's tools or history, or null. */
  public String problem(JsonNode request) {
    JsonNode tools = request.path("tools");
    for (int t = 0; t < tools.size(); t++) {
      JsonNode declarations = tools.get(t).path("functionDeclarations");
      for (int d = 0; d < declarations.size(); d++) {
        for (String field : new String[] {"parameters", "parametersJsonSchema"}) {
          JsonNode schema = declarations.get(d).get(field);
          String at = "tools[" + t + "].function_declarations[" + d + "]." + field;
          String problem = schema == null ? null : schemaProblem(schema, at);
          if (problem != null) {
            return problem;
          }
        }
      }
    }
    return signatureProblem(request.path("contents"));
  }

  private static String schemaProblem(JsonNode schema, String at) {
    if (!schema.isObject()) {
      return "Invalid value at '" + at + "': schema must be an object";
    }
    for (var field : schema.properties()) {
      String name = field.getKey();
      if (!SCHEMA_FIELDS.contains(name)) {
        return "Invalid JSON payload received. Unknown name \""
            + name
            + "\" at '"
            + at
            + "': Cannot find field.";
      }
    }
    JsonNode type = schema.get("type");
    if (type != null && !type.isTextual()) {
      return "Invalid JSON payload received. Unknown name \"type\" at '"
          + at
          + "': Proto field is not repeating, cannot start list.";
    }
    String format = schema.path("format").asText(null);
    if (format != null
        && "string".equalsIgnoreCase(schema.path("type").asText())
        && !STRING_FORMATS.contains(format)) {
      return "* GenerateContentRequest."
          + at
          + ".format: only 'enum' and 'date-time' are supported for STRING type";
    }
    for (var property : schema.path("properties").properties()) {
      String problem =
          schemaProblem(property.getValue(), at + ".properties[" + property.getKey() + "]");
      if (problem != null) {
        return problem;
      }
    }
    for (String child : new String[] {"items"}) {
      if (schema.has(child)) {
        String problem = schemaProblem(schema.get(child), at + "." + child);
        if (problem != null) {
          return problem;
        }
      }
    }
    for (JsonNode branch : schema.path("anyOf")) {
      String problem = schemaProblem(branch, at + ".any_of");
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private String signatureProblem(JsonNode contents) {
    for (int c = 0; c < contents.size(); c++) {
      JsonNode content = contents.get(c);
      if (!"model".equals(content.path("role").asText())) {
        continue;
      }
      JsonNode parts = content.path("parts");
      for (int p = 0; p < parts.size(); p++) {
        JsonNode call = parts.get(p).get("functionCall");
        if (call == null) {
          continue;
        }
        String name = call.path("name").asText();
        String signature = parts.get(p).path("thoughtSignature").asText(null);
        if (signature == null) {
          return "Function call is missing a thought_signature in functionCall parts. This is"
              + " required for tools to work correctly, and missing thought_signature may lead to"
              + " degraded model performance. Additional data, function call `default_api:"
              + name
              + "` , position "
              + (c + 1)
              + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for"
              + " more details.";
        }
        if (!signature.equals(SKIP_VALIDATOR) && !name.equals(issued.get(signature))) {
          return "Corrupted thought signature.";
        }
      }
    }
    return null;
  }

  /**
   * The model's content for a request already let in: a signed call of the first function when the
   * user just spoke and functions are offered, {@code "done: …"} after function responses, else
   * null (the fake's own answer applies).
   */
  public ObjectNode answer(JsonNode request) {
    JsonNode last = request.path("contents").path(request.path("contents").size() - 1);
    StringBuilder responses = new StringBuilder();
    boolean text = false;
    for (JsonNode part : last.path("parts")) {
      if (part.has("functionResponse")) {
        responses.append(part.path("functionResponse").path("response"));
      }
      text |= part.has("text");
    }
    ObjectNode content = JSON.createObjectNode().put("role", "model");
    if (!responses.isEmpty()) {
      content.putArray("parts").addObject().put("text", "done: " + responses);
      return content;
    }
    JsonNode function = request.at("/tools/0/functionDeclarations/0");
    if (!text || function.isMissingNode()) {
      return null;
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String signature = Base64.getEncoder().encodeToString(bytes);
    String name = function.path("name").asText();
    issued.put(signature, name);
    ObjectNode part = content.putArray("parts").addObject();
    part.putObject("functionCall").put("name", name).putObject("args").put("city", "Paris");
    part.put("thoughtSignature", signature);
    return content;
  }
}
