package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Signature;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes canonical parts as Gemini {@code parts}, for an upstream request or for a client's answer;
 * the two differ only in what happens to reasoning from other dialects (see {@link
 * GeminiSignatures}).
 */
final class GeminiPartWriter {

  /** Who reads the parts. */
  enum Audience {
    /** A Gemini upstream: foreign reasoning is dropped, function calls always carry a signature. */
    UPSTREAM,
    /**
     * A Gemini client: reasoning text is shown, Gemini's own signatures are written and those of
     * upstreams that need them back are wrapped.
     */
    CLIENT
  }

  private final Audience audience;
  private final Map<String, String> callNames;

  /** {@code callNames} maps call ids to tool names, for results that do not carry the name. */
  GeminiPartWriter(Audience audience, Map<String, String> callNames) {
    this.audience = audience;
    this.callNames = callNames;
  }

  void write(List<Part> parts, ArrayNode out) {
    // A signature read from a text part (an empty Thinking before it) goes back on that part.
    Optional<String> pendingSignature = Optional.empty();
    for (Part part : parts) {
      if (part instanceof Part.Thinking t && t.text().isEmpty()) {
        flush(pendingSignature, out);
        pendingSignature = signature(t.signature());
        continue;
      }
      if (part instanceof Part.Text text && pendingSignature.isPresent()) {
        if (!text.text().isEmpty()) {
          out.addObject().put("text", text.text()).put("thoughtSignature", pendingSignature.get());
          pendingSignature = Optional.empty();
        }
        continue;
      }
      flush(pendingSignature, out);
      pendingSignature = Optional.empty();
      writeOne(part, out);
    }
    flush(pendingSignature, out);
  }

  private static void flush(Optional<String> signature, ArrayNode out) {
    signature.ifPresent(s -> out.addObject().put("text", "").put("thoughtSignature", s));
  }

  private void writeOne(Part part, ArrayNode out) {
    switch (part) {
      case Part.Text t -> {
        if (!t.text().isEmpty()) {
          out.addObject().put("text", t.text());
        }
      }
      case Part.Image i -> media(i.media(), out.addObject());
      case Part.File f -> media(f.media(), out.addObject());
      case Part.Thinking t -> thinking(t, out);
      case Part.RedactedThinking r -> {
        // Claude's encrypted reasoning means nothing to Gemini.
      }
      case Part.ToolCall c -> out.add(functionCall(c));
      case Part.ToolResult r -> toolResult(r, out);
    }
  }

  /** The {@code thoughtSignature} this audience gets for a signature, if any. */
  private Optional<String> signature(Optional<Signature> signature) {
    return audience == Audience.UPSTREAM
        ? GeminiSignatures.forUpstream(signature)
        : GeminiSignatures.forClient(signature);
  }

  private void thinking(Part.Thinking t, ArrayNode out) {
    Optional<String> signature = signature(t.signature());
    if (audience == Audience.UPSTREAM && signature.isEmpty()) {
      return; // another provider's reasoning: Gemini cannot use it
    }
    ObjectNode part = out.addObject().put("text", t.text()).put("thought", true);
    signature.ifPresent(s -> part.put("thoughtSignature", s));
  }

  /** A {@code functionCall} part, with the signature this audience gets. */
  ObjectNode functionCall(Part.ToolCall call) {
    ObjectNode part = GeminiNode.JSON.createObjectNode();
    ObjectNode fc = part.putObject("functionCall");
    fc.put("id", call.id());
    fc.put("name", call.name());
    fc.set("args", arguments(call.arguments()));
    if (audience == Audience.UPSTREAM) {
      part.put("thoughtSignature", GeminiSignatures.forUpstreamCall(call.signature()));
    } else {
      GeminiSignatures.forClient(call.signature()).ifPresent(s -> part.put("thoughtSignature", s));
    }
    return part;
  }

  /**
   * Tool arguments as the object Gemini requires; empty text is {@code {}}, and text that is not a
   * JSON object (a broken upstream) is kept under {@code "arguments"} rather than lost.
   */
  static ObjectNode arguments(String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return GeminiNode.JSON.createObjectNode();
    }
    try {
      JsonNode parsed = GeminiNode.JSON.readTree(arguments);
      if (parsed != null && parsed.isObject()) {
        return (ObjectNode) parsed;
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    ObjectNode wrapped = GeminiNode.JSON.createObjectNode();
    wrapped.put("arguments", arguments);
    return wrapped;
  }

  /**
   * A {@code functionResponse}: text that is a JSON object is sent as that object, other text as
   * {@code {"output": text}} and failures as {@code {"error": text}}, the keys Google documents.
   * Images follow as their own parts, which every Gemini model accepts.
   */
  private void toolResult(Part.ToolResult result, ArrayNode out) {
    StringBuilder text = new StringBuilder();
    for (Part p : result.content()) {
      if (p instanceof Part.Text t) {
        text.append(text.isEmpty() ? "" : "\n").append(t.text());
      }
    }
    ObjectNode fr = out.addObject().putObject("functionResponse");
    fr.put("id", result.callId());
    String name = result.name().isEmpty() ? callNames.get(result.callId()) : result.name();
    fr.put("name", name == null || name.isEmpty() ? "unknown" : name);
    fr.set("response", response(text.toString(), result.isError()));
    for (Part p : result.content()) {
      switch (p) {
        case Part.Image i -> media(i.media(), out.addObject());
        case Part.File f -> media(f.media(), out.addObject());
        default -> {}
      }
    }
  }

  private static ObjectNode response(String text, boolean isError) {
    if (!isError && text.startsWith("{")) {
      try {
        JsonNode parsed = GeminiNode.JSON.readTree(text);
        if (parsed != null && parsed.isObject()) {
          return (ObjectNode) parsed;
        }
      } catch (IOException | RuntimeException e) {
        // not JSON: sent as text
      }
    }
    ObjectNode response = GeminiNode.JSON.createObjectNode();
    response.put(isError ? "error" : "output", text);
    return response;
  }

  private static void media(Media media, ObjectNode part) {
    switch (media) {
      case Media.Inline i ->
          part.putObject("inlineData").put("mimeType", i.mimeType()).put("data", i.base64());
      case Media.Url u -> url(u, part);
      case Media.FileId f -> fileData(f.id(), f.mimeType(), part);
    }
  }

  private static void url(Media.Url url, ObjectNode part) {
    String u = url.url();
    int comma = u.indexOf(',');
    if (u.startsWith("data:") && comma > 0 && u.substring(0, comma).endsWith(";base64")) {
      String mime = u.substring(5, comma - ";base64".length());
      part.putObject("inlineData")
          .put("mimeType", mime.isEmpty() ? url.mimeType() : mime)
          .put("data", u.substring(comma + 1));
      return;
    }
    fileData(u, url.mimeType(), part);
  }

  private static void fileData(String uri, String mime, ObjectNode part) {
    ObjectNode file = part.putObject("fileData");
    if (!mime.isEmpty()) {
      file.put("mimeType", mime);
    }
    file.put("fileUri", uri);
  }
}
