package dev.cliproxy.dialect.model;

/**
 * One step of a streamed answer, in no particular dialect. A well-formed stream is: {@link Start};
 * then blocks, each {@link BlockStart}, its deltas, {@link BlockStop}, with indexes 0, 1, 2 … and
 * at most one block open at a time; then {@link Finish}. {@link Failure} may end a stream at any
 * point instead of {@link Finish}. Stream decoders produce exactly this shape (buffering when their
 * dialect interleaves), so encoders can rely on it.
 */
public sealed interface StreamEvent {

  /** The answer begins; {@code usage} carries what is known up front (prompt tokens), or NONE. */
  record Start(String id, String model, long created, Usage usage) implements StreamEvent {}

  /** A block opens. */
  record BlockStart(int index, Block block) implements StreamEvent {}

  /** Text appended to the open text block. */
  record TextDelta(int index, String text) implements StreamEvent {}

  /** Thinking text appended to the open thinking block. */
  record ThinkingDelta(int index, String text) implements StreamEvent {}

  /** The open thinking block's (or tool call's) signature, once it is known. */
  record SignatureDelta(int index, Signature signature) implements StreamEvent {}

  /** A fragment of the open tool call's JSON arguments. */
  record ToolArgumentsDelta(int index, String fragment) implements StreamEvent {}

  /** The block closes. */
  record BlockStop(int index) implements StreamEvent {}

  /** The answer ends normally, with its final usage (all counts, not increments). */
  record Finish(StopReason stopReason, Usage usage) implements StreamEvent {}

  /** The answer broke off; tell the client in its dialect. */
  record Failure(String message) implements StreamEvent {}

  /** What kind of block opens. */
  sealed interface Block {
    /** Answer text. */
    record Text() implements Block {}

    /** Visible reasoning. */
    record Thinking() implements Block {}

    /** Encrypted reasoning (Claude {@code redacted_thinking}), whole. */
    record RedactedThinking(Signature data) implements Block {}

    /** A tool call; its arguments follow as {@link ToolArgumentsDelta}s. */
    record ToolCall(String id, String name) implements Block {}
  }
}
