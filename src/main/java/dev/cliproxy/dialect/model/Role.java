package dev.cliproxy.dialect.model;

/**
 * Who speaks a message. Tool results are parts of {@link #USER} messages (as in Claude and Gemini);
 * OpenAI's {@code tool} messages and {@code developer} role map onto these.
 */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT
}
