package dev.cliproxy.dialect.model;

/**
 * Token counts for one answer. Input counts are disjoint: {@code inputTokens} excludes the cached
 * and cache-written tokens, so the prompt's full size is their sum ({@link #promptTokens()}).
 * Reasoning tokens are part of {@code outputTokens}.
 *
 * @param inputTokens prompt tokens read fresh
 * @param cachedInputTokens prompt tokens read from the provider's cache
 * @param cacheWriteTokens prompt tokens written to the cache (Claude)
 * @param outputTokens generated tokens, reasoning included
 * @param reasoningTokens the part of {@code outputTokens} spent thinking
 */
public record Usage(
    long inputTokens,
    long cachedInputTokens,
    long cacheWriteTokens,
    long outputTokens,
    long reasoningTokens) {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

  /** Every prompt token, however it was served. */
  public long promptTokens() {
    return inputTokens + cachedInputTokens + cacheWriteTokens;
  }

  public long totalTokens() {
    return promptTokens() + outputTokens;
  }
}
