package dev.cliproxy.dialect.model;

import java.util.List;
import java.util.Optional;

/**
 * A model request in no particular dialect: what every codec decodes client requests into and
 * encodes upstream requests from.
 *
 * @param model the model name as the client asked for it
 * @param system leading instructions (Claude {@code system}, OpenAI leading system/developer
 *     messages, Gemini {@code systemInstruction}, Responses {@code instructions}); text parts
 * @param messages the conversation, oldest first; system messages later in the conversation stay in
 *     place with {@link Role#SYSTEM}
 * @param tools tools the model may call
 * @param toolChoice how the model must use tools
 * @param sampling temperature, limits and stop sequences
 * @param reasoning thinking effort or budget, if asked for
 * @param responseFormat plain text, JSON, or JSON matching a schema
 * @param stream whether the client wants the answer streamed
 * @param user an end-user id for abuse tracking (OpenAI {@code user}, Claude {@code
 *     metadata.user_id}), if given
 */
public record ChatRequest(
    String model,
    List<Part.Text> system,
    List<Message> messages,
    List<Tool> tools,
    ToolChoice toolChoice,
    Sampling sampling,
    Optional<Reasoning> reasoning,
    ResponseFormat responseFormat,
    boolean stream,
    Optional<String> user) {

  public ChatRequest {
    system = List.copyOf(system);
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }

  /** The same request, streamed or not. */
  public ChatRequest withStream(boolean newStream) {
    return new ChatRequest(
        model,
        system,
        messages,
        tools,
        toolChoice,
        sampling,
        reasoning,
        responseFormat,
        newStream,
        user);
  }

  /** The same request for another model name. */
  public ChatRequest withModel(String newModel) {
    return new ChatRequest(
        newModel,
        system,
        messages,
        tools,
        toolChoice,
        sampling,
        reasoning,
        responseFormat,
        stream,
        user);
  }
}
