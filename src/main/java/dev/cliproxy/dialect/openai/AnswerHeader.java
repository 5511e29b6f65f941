package dev.cliproxy.dialect.openai;

import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.CodecContext;

/**
 * The id, time and model stamped on an answer or on every chunk of a stream: the upstream's own
 * when it gave them, else made up through the {@link CodecContext}.
 */
final class AnswerHeader {
  private AnswerHeader() {}

  static String id(String upstreamId, CodecContext context) {
    return upstreamId == null || upstreamId.isEmpty()
        ? "chatcmpl-" + context.randomSuffix().get()
        : upstreamId;
  }

  static long created(long upstreamCreated, CodecContext context) {
    return upstreamCreated > 0 ? upstreamCreated : context.nowEpochSeconds();
  }

  static String model(String upstreamModel, ChatRequest request) {
    return upstreamModel == null || upstreamModel.isEmpty() ? request.model() : upstreamModel;
  }
}
