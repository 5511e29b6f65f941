package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Signature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads Gemini {@code parts} into canonical parts, and pairs each {@code functionResponse} with its
 * call: by id, else by name in call order, else with the oldest unanswered call. Stateful across
 * the contents of one conversation.
 */
final class GeminiPartReader {
  private final Supplier<String> newCallId;
  private final List<Part.ToolCall> unanswered = new LinkedList<>();

  /** {@code newCallId} names function calls that carry no id. */
  GeminiPartReader(Supplier<String> newCallId) {
    this.newCallId = newCallId;
  }

  List<Part> read(List<GeminiNode> parts) {
    List<Part> out = new ArrayList<>(parts.size());
    for (GeminiNode part : parts) {
      read(part, out);
    }
    return out;
  }

  private void read(GeminiNode part, List<Part> out) {
    Optional<Signature> signature = part.string("thoughtSignature").map(GeminiSignatures::read);
    Optional<GeminiNode> call = part.object("functionCall");
    if (call.isPresent()) {
      Part.ToolCall toolCall = toolCall(call.get(), signature);
      unanswered.add(toolCall);
      out.add(toolCall);
      return;
    }
    Optional<GeminiNode> response = part.object("functionResponse");
    if (response.isPresent()) {
      out.add(toolResult(response.get()));
      return;
    }
    Optional<String> text = part.string("text");
    if (part.bool("thought")) {
      Part.Thinking thinking = new Part.Thinking(text.orElse(""), signature);
      out.add(
          signature.isPresent() && !isGemini(signature.get()) ? signRun(thinking, out) : thinking);
      return;
    }
    // A signature on a non-thought part belongs to reasoning the model did not show.
    signature.ifPresent(s -> out.add(new Part.Thinking("", Optional.of(s))));
    if (text.isPresent()) {
      if (!text.get().isEmpty()) {
        out.add(new Part.Text(text.get()));
      }
      return;
    }
    Optional<Part> media = media(part);
    media.ifPresent(out::add);
    // executableCode, codeExecutionResult and videoMetadata have no canonical form: dropped.
  }

  private static boolean isGemini(Signature signature) {
    return signature.origin() == Dialect.GEMINI;
  }

  /**
   * Another upstream's signature (Claude's, carried through this client) signs the whole thinking
   * text before it: streamed, that text reached the client as several unsigned thought parts and
   * the signature as a part of its own after them. They become one thinking part again, so Claude
   * sees exactly the text it signed.
   */
  private static Part.Thinking signRun(Part.Thinking signed, List<Part> out) {
    StringBuilder text = new StringBuilder(signed.text());
    while (!out.isEmpty()
        && out.getLast() instanceof Part.Thinking previous
        && previous.signature().isEmpty()) {
      text.insert(0, previous.text());
      out.removeLast();
    }
    return new Part.Thinking(text.toString(), signed.signature());
  }

  /** An inlineData or fileData part as an image or a file, if it is one. */
  static Optional<Part> media(GeminiNode part) {
    Optional<GeminiNode> inline = part.object("inlineData");
    if (inline.isPresent()) {
      String mime = inline.get().string("mimeType").orElse("");
      String data =
          inline.get().string("data").orElseThrow(() -> inline.get().fail("data", "is required"));
      return Optional.of(asPart(new Media.Inline(mime, data), mime));
    }
    Optional<GeminiNode> file = part.object("fileData");
    if (file.isPresent()) {
      String mime = file.get().string("mimeType").orElse("");
      String uri =
          file.get().string("fileUri").orElseThrow(() -> file.get().fail("fileUri", "is required"));
      return Optional.of(asPart(new Media.FileId(uri, mime), mime));
    }
    return Optional.empty();
  }

  private static Part asPart(Media media, String mime) {
    return mime.startsWith("image/") ? new Part.Image(media) : new Part.File(media, "");
  }

  private Part.ToolCall toolCall(GeminiNode call, Optional<Signature> signature) {
    String name = call.string("name").orElseThrow(() -> call.fail("name", "is required"));
    JsonNode args = call.field("args");
    if (args != null && !args.isObject()) {
      throw call.fail("args", "must be an object");
    }
    String id = call.string("id").filter(s -> !s.isEmpty()).orElseGet(newCallId);
    return new Part.ToolCall(id, name, args == null ? "{}" : args.toString(), signature);
  }

  private Part.ToolResult toolResult(GeminiNode response) {
    String name = response.string("name").orElse("");
    Optional<String> id = response.string("id").filter(s -> !s.isEmpty());
    String callId = id.map(this::answer).orElseGet(() -> answerByName(name));
    List<Part> content = new ArrayList<>();
    boolean isError = false;
    Optional<GeminiNode> body = response.object("response");
    if (body.isPresent()) {
      JsonNode r = body.get().raw();
      isError = r.size() == 1 && r.has("error");
      String text = resultText(r);
      if (!text.isEmpty()) {
        content.add(new Part.Text(text));
      }
    }
    for (GeminiNode part : response.objects("parts")) {
      media(part).ifPresent(content::add);
    }
    return new Part.ToolResult(callId, name, content, isError);
  }

  /**
   * The text of a function response: the value of its single {@code output}, {@code result}, {@code
   * content} or {@code error} field (what clients and Google's docs use), else the whole object as
   * JSON.
   */
  private static String resultText(JsonNode response) {
    if (response.size() == 1) {
      Map.Entry<String, JsonNode> only = response.properties().iterator().next();
      if (List.of("output", "result", "content", "error").contains(only.getKey())) {
        JsonNode v = only.getValue();
        return v.isTextual() ? v.textValue() : v.toString();
      }
    }
    return response.isEmpty() ? "" : response.toString();
  }

  private String answer(String id) {
    unanswered.removeIf(c -> c.id().equals(id));
    return id;
  }

  private String answerByName(String name) {
    Iterator<Part.ToolCall> it = unanswered.iterator();
    while (it.hasNext()) {
      Part.ToolCall call = it.next();
      if (call.name().equals(name)) {
        it.remove();
        return call.id();
      }
    }
    return unanswered.isEmpty() ? newCallId.get() : unanswered.remove(0).id();
  }
}
