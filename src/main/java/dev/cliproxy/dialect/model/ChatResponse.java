package dev.cliproxy.dialect.model;

import java.util.List;

/**
 * A whole (non-streamed) answer in no particular dialect.
 *
 * @param id the provider's response id (reused by encoders; never invented when one exists)
 * @param model the model that answered
 * @param created seconds since the epoch
 * @param content the answer's parts in order: thinking, text, tool calls
 * @param stopReason why the model stopped
 * @param usage token counts
 */
public record ChatResponse(
    String id, String model, long created, List<Part> content, StopReason stopReason, Usage usage) {
  public ChatResponse {
    content = List.copyOf(content);
  }
}
