package dev.cliproxy.bench.load;

import dev.cliproxy.bench.mock.Shape;

/**
 * The JSON request bodies of the workloads. Each asks the mock for the same reply shape whatever
 * route it takes: OpenAI Chat with the body field {@code "mock"} (the proxy passes unknown fields
 * of a same-dialect request through), Claude Messages with the mock's text marker in the last
 * user message (a translated request keeps only fields the decoder knows, but always its text).
 */
final class RequestBodies {
  private RequestBodies() {}

  static String openAiChat(boolean stream, int events, int delayMs) {
    return "{\"model\":\"mock-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],"
        + "\"stream\":"
        + stream
        + ",\"mock\":{\"events\":"
        + events
        + ",\"delay_ms\":"
        + delayMs
        + "}}";
  }

  /**
   * A small coding-assistant turn as Claude Code sends it, 1,130 B: a system prompt as a
   * cached text block, a user question, the assistant's earlier answer and a follow-up.
   */
  static String claudeMessages(boolean stream, int events, int delayMs) {
    return "{\"model\":\"mock-model\",\"max_tokens\":1024,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"You are a coding assistant that runs in the"
        + " user's terminal. You help with software engineering tasks: reading code, fixing bugs,"
        + " explaining behaviour and writing small, focused changes.\\n\\nBe concise. Answer in a"
        + " few lines unless the user asks for detail. Quote file paths and symbols exactly as"
        + " they appear in the repository, and never invent APIs.\","
        + "\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"messages\":["
        + "{\"role\":\"user\",\"content\":\"In src/main/java/dev/cliproxy/server/ProxyHandler.java,"
        + " what does handle() do for a model call?\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"It checks the client"
        + " key, reads the body (bounded by `max-body-size-mb`), reads the model and the stream"
        + " flag from the request head, and hands a `ClientRequest` to the gateway. The gateway"
        + " picks an upstream for the model and translates the body into that upstream's"
        + " dialect.\"}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Thanks. Summarise that in"
        + " one sentence for the changelog.\\n\\n"
        + Shape.marker(events, delayMs)
        + "\"}]}],"
        + "\"metadata\":{\"user_id\":\"bench-user\"},"
        + "\"stream\":"
        + stream
        + "}";
  }
}
