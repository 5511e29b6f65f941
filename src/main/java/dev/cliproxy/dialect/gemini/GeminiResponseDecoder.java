package dev.cliproxy.dialect.gemini;

import dev.cliproxy.dialect.model.ChatResponse;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.StopReason;
import dev.cliproxy.dialect.model.StopReasons;
import dev.cliproxy.dialect.model.Usage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Reads a whole Gemini {@code GenerateContentResponse} (its first candidate) as a ChatResponse. */
final class GeminiResponseDecoder {
  private GeminiResponseDecoder() {}

  static ChatResponse decode(byte[] body) {
    GeminiNode root = GeminiNode.answer(body);
    failIfError(root);
    String id = root.string("responseId").orElse("");
    int[] n = {0};
    // Gemini names no calls; ids derived from the response id stay unique across turns.
    GeminiPartReader reader =
        new GeminiPartReader(() -> "call_" + (id.isEmpty() ? "" : id + "_") + n[0]++);
    Optional<GeminiNode> candidate = root.objects("candidates").stream().findFirst();
    List<Part> content =
        candidate
            .flatMap(c -> c.object("content"))
            .map(c -> reader.read(c.objects("parts")))
            .orElse(List.of());
    boolean sawToolCall = content.stream().anyMatch(p -> p instanceof Part.ToolCall);
    StopReason stop =
        candidate.isEmpty()
                && root.object("promptFeedback").flatMap(f -> f.string("blockReason")).isPresent()
            ? StopReason.CONTENT_FILTER
            : StopReasons.fromGemini(
                candidate.flatMap(c -> c.string("finishReason")).orElse(""), sawToolCall);
    return new ChatResponse(
        id, root.string("modelVersion").orElse(""), createTime(root), content, stop, usage(root));
  }

  static Usage usage(GeminiNode chunk) {
    return chunk.object("usageMetadata").map(GeminiUsage::read).orElse(Usage.NONE);
  }

  /** {@code createTime} in epoch seconds, or 0 when absent or unreadable. */
  static long createTime(GeminiNode chunk) {
    try {
      return chunk.string("createTime").map(t -> Instant.parse(t).getEpochSecond()).orElse(0L);
    } catch (DateTimeParseException e) {
      return 0L;
    }
  }

  /** An {@code {"error":{...}}} body in place of an answer. */
  static void failIfError(GeminiNode root) {
    Optional<GeminiNode> error = root.object("error");
    if (error.isPresent()) {
      throw root.failHere(
          "is an error: " + error.get().raw().path("message").asText(error.get().raw().toString()));
    }
  }
}
