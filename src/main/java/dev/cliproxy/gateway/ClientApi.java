package dev.cliproxy.gateway;

import dev.cliproxy.dialect.BodyShape;
import dev.cliproxy.dialect.model.Dialect;

/**
 * The client-facing API a request came in through, the dialect it speaks, and the shape its body
 * must have.
 */
public enum ClientApi {
  /** OpenAI {@code POST /v1/chat/completions}. */
  OPENAI_CHAT(Dialect.OPENAI_CHAT, BodyShape.OPENAI_CHAT),
  /** OpenAI legacy {@code POST /v1/completions}, served as chat. */
  OPENAI_COMPLETIONS(Dialect.OPENAI_CHAT, BodyShape.OPENAI_COMPLETIONS),
  /** OpenAI {@code POST /v1/responses}. */
  OPENAI_RESPONSES(Dialect.OPENAI_RESPONSES, BodyShape.OPENAI_RESPONSES),
  /** Anthropic {@code POST /v1/messages}. */
  CLAUDE_MESSAGES(Dialect.CLAUDE, BodyShape.CLAUDE_MESSAGES),
  /** Gemini {@code POST /v1beta/models/{model}:generateContent} and its stream. */
  GEMINI(Dialect.GEMINI, BodyShape.GEMINI),
  /** Gemini CLI / Code Assist {@code POST /v1internal:generateContent} and its stream. */
  GEMINI_CLI(Dialect.GEMINI, BodyShape.GEMINI_CLI);

  private final Dialect dialect;
  private final BodyShape bodyShape;

  ClientApi(Dialect dialect, BodyShape bodyShape) {
    this.dialect = dialect;
    this.bodyShape = bodyShape;
  }

  /** The dialect its requests and answers are in. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The top-level fields a generate call's body must have with the right JSON types, checked when
   * its head is read (pass-through bodies reach the upstream unchanged, so they are checked there).
   */
  public BodyShape bodyShape() {
    return bodyShape;
  }
}
