package dev.cliproxy.gateway;

import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.openai.LegacyCompletions;
import dev.cliproxy.dialect.openai.OpenAiErrors;
import dev.cliproxy.dialect.sse.SseData;

/** How an upstream Chat Completions answer is shaped for the client's API. */
sealed interface ResponseShape {

  /** The whole-response body for the client. */
  byte[] body(byte[] upstreamBody);

  /** The event for the client, or {@code null} to drop it. */
  byte[] event(byte[] upstreamEvent);

  /** An in-stream error event for failures after the stream started. */
  default byte[] errorEvent(ProxyError error) {
    return OpenAiErrors.streamEvent(error);
  }

  static ResponseShape of(ClientApi api) {
    return switch (api) {
      case OPENAI_CHAT -> new Chat();
      case OPENAI_COMPLETIONS -> new Completions();
    };
  }

  /** Chat client, chat upstream: bytes pass through unchanged. */
  record Chat() implements ResponseShape {
    @Override
    public byte[] body(byte[] upstreamBody) {
      return upstreamBody;
    }

    @Override
    public byte[] event(byte[] upstreamEvent) {
      return upstreamEvent;
    }
  }

  /** Legacy completions client, chat upstream. */
  record Completions() implements ResponseShape {
    @Override
    public byte[] body(byte[] upstreamBody) {
      return LegacyCompletions.fromChatResponse(upstreamBody);
    }

    @Override
    public byte[] event(byte[] upstreamEvent) {
      byte[] data = SseData.of(upstreamEvent);
      if (data == null) {
        return null;
      }
      if (SseData.isDone(data)) {
        return upstreamEvent;
      }
      byte[] chunk = LegacyCompletions.fromChatChunk(data);
      return chunk == null ? null : SseData.event(chunk);
    }
  }
}
