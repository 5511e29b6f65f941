package dev.cliproxy.dialect.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Usage;

/**
 * The one mapping between Gemini {@code usageMetadata} and canonical {@link Usage}: Gemini's {@code
 * promptTokenCount} includes {@code cachedContentTokenCount}, and its {@code candidatesTokenCount}
 * excludes {@code thoughtsTokenCount}.
 */
final class GeminiUsage {
  private GeminiUsage() {}

  static Usage read(GeminiNode metadata) {
    long prompt = metadata.count("promptTokenCount");
    long cached = Math.min(prompt, metadata.count("cachedContentTokenCount"));
    long thoughts = metadata.count("thoughtsTokenCount");
    long output = metadata.count("candidatesTokenCount") + thoughts;
    long total = metadata.count("totalTokenCount");
    if (output == 0 && total > prompt) {
      output = total - prompt - metadata.count("toolUsePromptTokenCount");
    }
    return new Usage(prompt - cached, cached, 0, Math.max(0, output), thoughts);
  }

  static ObjectNode write(Usage usage) {
    ObjectNode m = GeminiNode.JSON.createObjectNode();
    m.put("promptTokenCount", usage.promptTokens());
    m.put("candidatesTokenCount", Math.max(0, usage.outputTokens() - usage.reasoningTokens()));
    m.put("totalTokenCount", usage.totalTokens());
    if (usage.cachedInputTokens() > 0) {
      m.put("cachedContentTokenCount", usage.cachedInputTokens());
    }
    if (usage.reasoningTokens() > 0) {
      m.put("thoughtsTokenCount", usage.reasoningTokens());
    }
    return m;
  }
}
