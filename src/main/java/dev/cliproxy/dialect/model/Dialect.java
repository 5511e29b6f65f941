package dev.cliproxy.dialect.model;

/** The wire dialects the proxy speaks. */
public enum Dialect {
  OPENAI_CHAT,
  OPENAI_RESPONSES,
  CLAUDE,
  GEMINI
}
