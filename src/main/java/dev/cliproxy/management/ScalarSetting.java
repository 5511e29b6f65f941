package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.config.Config;
import java.util.List;
import java.util.function.Function;

/**
 * A top-level scalar of {@code config.yaml} that this proxy acts on and the management API reads
 * and sets as {@code /<name>} with {@code {"value": …}}.
 *
 * @param name the key, also the endpoint's path and the answer's field
 * @param type what {@code value} must be
 * @param running its value in the running config (the default when the file does not have it)
 */
record ScalarSetting(String name, Type type, Function<Config, JsonNode> running) {

  /** The JSON type a value must have. */
  enum Type {
    BOOLEAN,
    INTEGER,
    TEXT
  }

  /** The scalars this proxy has keys for; CLIProxyAPI's others are 404, "not supported". */
  static final List<ScalarSetting> ALL =
      List.of(
          new ScalarSetting("debug", Type.BOOLEAN, c -> BooleanNode.valueOf(c.debug())),
          new ScalarSetting(
              "logging-to-file", Type.BOOLEAN, c -> BooleanNode.valueOf(c.loggingToFile())),
          new ScalarSetting("proxy-url", Type.TEXT, c -> null),
          new ScalarSetting("request-retry", Type.INTEGER, c -> IntNode.valueOf(c.requestRetry())),
          new ScalarSetting(
              "max-retry-interval",
              Type.INTEGER,
              c -> IntNode.valueOf(c.maxRetryIntervalSeconds())));

  /**
   * Its value as the API shows it: the running one, except for text, which is shown as the file
   * holds it (a proxy URL as written, never re-encoded), empty when absent.
   */
  JsonNode shown(Config config, JsonNode tree) {
    if (type == Type.TEXT) {
      JsonNode written = tree.path(name);
      return TextNode.valueOf(written.isValueNode() ? written.asText() : "");
    }
    return running.apply(config);
  }

  /**
   * The {@code value} of a PUT or PATCH body, of this setting's type (text trimmed).
   *
   * @throws ManagementError 400 {@code invalid body} when it is missing or of another type
   */
  JsonNode accepted(JsonNode body) {
    JsonNode value = body.get("value");
    boolean fits =
        value != null
            && switch (type) {
              case BOOLEAN -> value.isBoolean();
              case INTEGER -> value.isIntegralNumber() && value.canConvertToInt();
              case TEXT -> value.isTextual();
            };
    if (!fits) {
      throw new ManagementError(
          400,
          "invalid body",
          "send {\"value\": "
              + switch (type) {
                case BOOLEAN -> "true or false";
                case INTEGER -> "an integer";
                case TEXT -> "a string";
              }
              + "}");
    }
    return type == Type.TEXT ? TextNode.valueOf(value.asText().trim()) : value;
  }
}
