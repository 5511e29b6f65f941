package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.config.ConfigDocument;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigFile;
import java.io.IOException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the config endpoint groups share: {@code config.yaml} read as a tree for their answers, and
 * a write that is live when it returns, answered as the reference answers: {@code {"status":"ok"}},
 * 422 with the loader's reason when the edit would make the file invalid (the file untouched), 500
 * when the file cannot be read or written.
 */
final class ConfigEdits {
  private final ConfigFile file;

  ConfigEdits(ConfigFile file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The file behind the edits. */
  ConfigFile file() {
    return file;
  }

  /** The file as a document (empty when there is no file). */
  ConfigDocument document() {
    try {
      return file.document();
    } catch (IOException e) {
      throw new ManagementError(500, "read_failed", "cannot read the config file (" + e + ")");
    } catch (ConfigException e) {
      throw new ManagementError(
          500, "read_failed", "the config file cannot be read: " + e.getMessage());
    }
  }

  /** The file's top-level mapping as JSON; an empty object when there is no file or it is empty. */
  ObjectNode tree() {
    JsonNode tree = document().tree();
    return tree.isObject()
        ? (ObjectNode) tree.deepCopy()
        : ManagementJson.MAPPER.createObjectNode();
  }

  /** Applies {@code change} to the file and the running proxy; 200 {@code {"status":"ok"}}. */
  ManagementReply write(UnaryOperator<ConfigDocument> change) {
    try {
      file.edit(change);
      return ManagementReply.ok();
    } catch (ConfigException e) {
      throw invalid(e);
    } catch (IOException e) {
      throw new ManagementError(500, "write_failed", "cannot write the config file (" + e + ")");
    }
  }

  /** The answer for a change the loader refuses: 422 with its reason. */
  static ManagementError invalid(ConfigException e) {
    return new ManagementError(422, "invalid_config", e.getMessage());
  }
}
