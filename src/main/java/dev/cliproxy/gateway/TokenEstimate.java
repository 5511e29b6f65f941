package dev.cliproxy.gateway;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Tool;

/**
 * Estimates a request's prompt tokens with OpenAI's o200k vocabulary: exact for OpenAI's own
 * models, close for others. Counts every text the model reads (system, messages, thinking, tool
 * calls and results, tool definitions), plus fixed costs for message framing and images.
 */
final class TokenEstimate {
  /** Framing tokens per message (role and separators), as OpenAI documents for chat. */
  private static final int PER_MESSAGE = 3;

  /** A low-detail image in OpenAI's accounting; other providers charge the same order. */
  private static final int PER_IMAGE = 85;

  private TokenEstimate() {}

  /** The vocabulary, loaded on first use (it is several megabytes). */
  private static final class Vocabulary {
    static final Encoding O200K =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }

  static long of(ChatRequest request) {
    long tokens = 0;
    for (Part.Text text : request.system()) {
      tokens += count(text.text());
    }
    for (Message message : request.messages()) {
      tokens += PER_MESSAGE;
      for (Part part : message.parts()) {
        tokens += of(part);
      }
    }
    for (Tool tool : request.tools()) {
      tokens +=
          switch (tool) {
            case Tool.Function f ->
                count(f.name()) + count(f.description()) + count(f.parameters().toString());
            case Tool.Native n -> count(n.definition().toString());
          };
    }
    return tokens;
  }

  private static long of(Part part) {
    return switch (part) {
      case Part.Text t -> count(t.text());
      case Part.Thinking t -> count(t.text());
      case Part.RedactedThinking r -> 0;
      case Part.Image i -> PER_IMAGE;
      case Part.File f -> PER_IMAGE;
      case Part.ToolCall c -> count(c.name()) + count(c.arguments());
      case Part.ToolResult r -> {
        long sum = 0;
        for (Part inner : r.content()) {
          sum += of(inner);
        }
        yield sum;
      }
    };
  }

  private static long count(String text) {
    return text == null || text.isEmpty() ? 0 : Vocabulary.O200K.countTokensOrdinary(text);
  }
}
