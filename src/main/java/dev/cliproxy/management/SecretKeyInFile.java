package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.config.ConfigDocument;
import java.util.List;

/**
 * The management key as {@code config.yaml} keeps it: a plaintext {@code
 * remote-management.secret-key} is replaced in the file by its bcrypt hash the first time the file
 * is loaded (at start, on a reload, on a write), only that scalar changing; a hash is kept as it
 * is. Given to {@link dev.cliproxy.config.ConfigFile} as its rewrite on load.
 */
public final class SecretKeyInFile {
  static final List<String> PATH = List.of(ManagementSettings.KEY, "secret-key");

  private SecretKeyInFile() {}

  /** The document with its plaintext key hashed; the same document when there is none. */
  public static ConfigDocument hashed(ConfigDocument document) {
    String key = document.value(PATH).filter(JsonNode::isTextual).map(JsonNode::asText).orElse("");
    String trimmed = key.trim();
    if (trimmed.isEmpty() || BcryptHash.is(trimmed)) {
      return document;
    }
    return document.with(PATH, TextNode.valueOf(BcryptHash.of(trimmed)));
  }
}
