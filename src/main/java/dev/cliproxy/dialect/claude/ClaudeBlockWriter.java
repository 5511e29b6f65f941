package dev.cliproxy.dialect.claude;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.CodecContext;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes canonical parts as Claude content blocks, either for a Claude upstream (which verifies
 * thinking signatures) or for a Claude client (which only displays and echoes them).
 */
final class ClaudeBlockWriter {
  private final boolean forUpstream;
  private final CodecContext context;

  private ClaudeBlockWriter(boolean forUpstream, CodecContext context) {
    this.forUpstream = forUpstream;
    this.context = context;
  }

  /** A writer for request bodies sent to Claude. */
  static ClaudeBlockWriter forUpstream(CodecContext context) {
    return new ClaudeBlockWriter(true, context);
  }

  /** A writer for answers sent to Claude clients. */
  static ClaudeBlockWriter forClient(CodecContext context) {
    return new ClaudeBlockWriter(false, context);
  }

  /**
   * The one place thinking signatures are let out: Claude gets only a signature it produced itself
   * (another provider's would be rejected); a Claude client also gets a Responses upstream's
   * encrypted reasoning, wrapped, so it comes back in the next request (see {@link Signature}).
   */
  Optional<String> signature(Optional<Signature> signature) {
    return signature.flatMap(
        s -> forUpstream ? s.forUpstream(Dialect.CLAUDE) : s.forClient(Dialect.CLAUDE));
  }

  /** Redacted thinking is Claude's alone, for its upstream and its clients alike. */
  static Optional<String> redactedData(Signature data) {
    return data.forUpstream(Dialect.CLAUDE);
  }

  /** A fresh Claude-style id when the other side supplied none. */
  String idOr(String id, String prefix) {
    return id == null || id.isEmpty() ? prefix + context.randomSuffix().get() : id;
  }

  /** The block for a part, or empty when Claude cannot take it (see the cases). */
  Optional<ObjectNode> block(Part part) {
    ObjectNode b = ClaudeJson.MAPPER.createObjectNode();
    switch (part) {
      case Part.Text t -> b.put("type", "text").put("text", t.text());
      case Part.Image i -> {
        b.put("type", "image");
        b.set("source", source(i.media()));
      }
      case Part.File f -> document(b, f);
      case Part.Thinking t -> {
        Optional<String> signature = signature(t.signature());
        if (forUpstream && signature.isEmpty()) {
          // Claude rejects a thinking block whose signature it cannot verify, and one from another
          // provider can never verify: the block is left out of the request.
          return Optional.empty();
        }
        b.put("type", "thinking").put("thinking", t.text()).put("signature", signature.orElse(""));
      }
      case Part.RedactedThinking r -> {
        Optional<String> data = redactedData(r.data());
        if (data.isEmpty()) {
          // Another provider's encrypted reasoning means nothing to Claude or its clients.
          return Optional.empty();
        }
        b.put("type", "redacted_thinking").put("data", data.get());
      }
      case Part.ToolCall c -> {
        b.put("type", "tool_use").put("id", idOr(c.id(), "toolu_")).put("name", c.name());
        b.set("input", input(c.arguments()));
      }
      case Part.ToolResult r -> {
        b.put("type", "tool_result").put("tool_use_id", r.callId());
        ArrayNode content = b.putArray("content");
        for (Part p : r.content()) {
          block(p).ifPresent(content::add);
        }
        if (r.isError()) {
          b.put("is_error", true);
        }
      }
    }
    return Optional.of(b);
  }

  /**
   * Claude wants {@code input} as an object; arguments that are not a JSON object (a model's broken
   * output from another provider) become {@code {}} rather than failing the whole request.
   */
  static JsonNode input(String arguments) {
    if (arguments != null && !arguments.isBlank()) {
      try {
        JsonNode node = ClaudeJson.MAPPER.readTree(arguments);
        if (node != null && node.isObject()) {
          return node;
        }
      } catch (JacksonException | StackOverflowError e) {
        // fall through to {}
      }
    }
    return ClaudeJson.MAPPER.createObjectNode();
  }

  private void document(ObjectNode b, Part.File f) {
    b.put("type", "document");
    if (f.media() instanceof Media.Inline inline && inline.mimeType().startsWith("text/")) {
      ObjectNode source = b.putObject("source").put("type", "text").put("media_type", "text/plain");
      source.put("data", new String(decode(inline.base64()), StandardCharsets.UTF_8));
    } else {
      b.set("source", source(f.media()));
    }
    if (!f.filename().isEmpty()) {
      b.put("title", f.filename());
    }
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static ObjectNode source(Media media) {
    ObjectNode s = ClaudeJson.MAPPER.createObjectNode();
    switch (media) {
      case Media.Inline i ->
          s.put("type", "base64").put("media_type", i.mimeType()).put("data", i.base64());
      case Media.Url u -> dataUrlOrUrl(s, u.url());
      case Media.FileId f -> s.put("type", "file").put("file_id", f.id());
    }
    return s;
  }

  /** Claude's url sources take only http(s); a {@code data:} URL is sent as base64 instead. */
  private static void dataUrlOrUrl(ObjectNode s, String url) {
    int comma = url.indexOf(',');
    if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(";base64")) {
      String mime = url.substring(5, comma - ";base64".length());
      s.put("type", "base64").put("media_type", mime).put("data", url.substring(comma + 1));
    } else {
      s.put("type", "url").put("url", url);
    }
  }
}
