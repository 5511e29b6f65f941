package dev.cliproxy.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The body about to go upstream, as the steps of one attempt edit it: the client's own bytes (a
 * pass-through) or the translated request's JSON tree. Bytes are parsed only when a step asks for
 * the tree, at most once, and the tree is written to bytes once, when the request is sent. One per
 * attempt; not for sharing between threads.
 */
public final class UpstreamBody {
  /** Floats as BigDecimal with their zeros, so numbers the client wrote survive a rewrite. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private byte[] bytes;
  private ObjectNode tree;
  private int parses;
  private int writes;

  private UpstreamBody(byte[] bytes, ObjectNode tree) {
    this.bytes = bytes;
    this.tree = tree;
  }

  /** A body that is the client's bytes (a JSON object, already checked by the server). */
  public static UpstreamBody ofBytes(byte[] bytes) {
    return new UpstreamBody(bytes, null);
  }

  /** A body built as a tree (a translated request). */
  public static UpstreamBody ofTree(ObjectNode tree) {
    return new UpstreamBody(null, tree);
  }

  /**
   * The body as a tree to edit in place; parses the bytes the first time. After this, {@link
   * #bytes()} writes the (possibly edited) tree.
   */
  public ObjectNode tree() {
    ObjectNode parsed = peek();
    bytes = null;
    return parsed;
  }

  /**
   * The body as a tree to read, not to edit: the original bytes are still what is sent unless a
   * step later asks for {@link #tree()} (which returns this same tree, so the body is parsed once).
   */
  public ObjectNode peek() {
    if (tree == null) {
      JsonNode parsed;
      try {
        parsed = JSON.readTree(bytes);
      } catch (IOException e) {
        throw new IllegalStateException("an upstream body is not JSON: " + e.getMessage(), e);
      }
      if (!(parsed instanceof ObjectNode object)) {
        throw new IllegalStateException("an upstream body is not a JSON object");
      }
      tree = object;
      parses++;
    }
    return tree;
  }

  /** The bytes to send: the original bytes if nobody asked for the tree, else the tree written. */
  public byte[] bytes() {
    if (bytes == null) {
      try {
        bytes = JSON.writeValueAsBytes(tree);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      writes++;
    }
    return bytes;
  }

  /** Whether the bytes it was made from are still what is sent: nobody asked to edit the tree. */
  public boolean untouched() {
    return bytes != null && writes == 0;
  }

  /** How often bytes were parsed into a tree (0 or 1), for tests of the parse-once rule. */
  public int parses() {
    return parses;
  }

  /** How often the tree was written to bytes, for tests of the write-once rule. */
  public int writes() {
    return writes;
  }
}
