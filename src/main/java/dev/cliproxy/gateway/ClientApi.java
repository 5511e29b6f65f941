package dev.cliproxy.gateway;

import dev.cliproxy.dialect.model.Dialect;

/** The client-facing API a request came in through, and the dialect it speaks. */
public enum ClientApi {
  /** OpenAI {@code POST /v1/chat/completions}. */
  OPENAI_CHAT(Dialect.OPENAI_CHAT),
  /** OpenAI legacy {@code POST /v1/completions}, served as chat. */
  OPENAI_COMPLETIONS(Dialect.OPENAI_CHAT),
  /** OpenAI {@code POST /v1/responses}. */
  OPENAI_RESPONSES(Dialect.OPENAI_RESPONSES),
  /** Anthropic {@code POST /v1/messages}. */
  CLAUDE_MESSAGES(Dialect.CLAUDE),
  /** Gemini {@code POST /v1beta/models/{model}:generateContent} and its stream. */
  GEMINI(Dialect.GEMINI),
  /** Gemini CLI / Code Assist {@code POST /v1internal:generateContent} and its stream. */
  GEMINI_CLI(Dialect.GEMINI);

  private final Dialect dialect;

  ClientApi(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The dialect its requests and answers are in. */
  public Dialect dialect() {
    return dialect;
  }
}
