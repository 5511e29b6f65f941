package dev.cliproxy.dialect.model;

import java.util.List;
import java.util.Optional;

/** One piece of a message or an answer. */
public sealed interface Part {

  /** Plain text. */
  record Text(String text) implements Part {}

  /** An image, inline or by reference. */
  record Image(Media media) implements Part {}

  /** A document (PDF, text file), inline or by reference; {@code filename} may be empty. */
  record File(Media media, String filename) implements Part {}

  /**
   * The model's visible reasoning, with the opaque proof some providers require to accept it back
   * in a later turn (Claude {@code signature}, Gemini {@code thoughtSignature}, OpenAI {@code
   * encrypted_content}).
   */
  record Thinking(String text, Optional<Signature> signature) implements Part {}

  /** Reasoning the provider keeps encrypted (Claude {@code redacted_thinking}). */
  record RedactedThinking(Signature data) implements Part {}

  /**
   * A call the model makes to a tool.
   *
   * @param id the call id that pairs it with its result
   * @param name the tool's name
   * @param arguments the arguments as JSON text, exactly as produced (an object, usually)
   * @param signature Gemini's {@code thoughtSignature} on a function call, if any
   */
  record ToolCall(String id, String name, String arguments, Optional<Signature> signature)
      implements Part {}

  /**
   * The result of a tool call, sent back by the client.
   *
   * @param callId the id of the call it answers
   * @param name the tool's name when the dialect carries it (Gemini needs it; OpenAI does not send
   *     it), else empty
   * @param content what the tool returned: text and images
   * @param isError whether the tool failed
   */
  record ToolResult(String callId, String name, List<Part> content, boolean isError)
      implements Part {
    public ToolResult {
      content = List.copyOf(content);
    }
  }
}
