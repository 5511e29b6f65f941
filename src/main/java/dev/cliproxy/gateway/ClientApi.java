package dev.cliproxy.gateway;

/** The client-facing API a request came in through. */
public enum ClientApi {
  /** OpenAI {@code POST /v1/chat/completions}. */
  OPENAI_CHAT,
  /** OpenAI legacy {@code POST /v1/completions}, served over chat upstreams. */
  OPENAI_COMPLETIONS
}
