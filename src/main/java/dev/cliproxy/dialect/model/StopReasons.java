package dev.cliproxy.dialect.model;

import java.util.Locale;

/** The one table between canonical stop reasons and each dialect's words for them. */
public final class StopReasons {
  private StopReasons() {}

  /** OpenAI Chat {@code finish_reason}. */
  public static String toOpenAi(StopReason reason) {
    return switch (reason) {
      case MAX_TOKENS -> "length";
      case TOOL_USE -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      case END_TURN, STOP_SEQUENCE, REFUSAL, PAUSE, OTHER -> "stop";
    };
  }

  public static StopReason fromOpenAi(String finishReason) {
    return switch (finishReason == null ? "" : finishReason) {
      case "stop" -> StopReason.END_TURN;
      case "length" -> StopReason.MAX_TOKENS;
      case "tool_calls", "function_call" -> StopReason.TOOL_USE;
      case "content_filter" -> StopReason.CONTENT_FILTER;
      default -> StopReason.OTHER;
    };
  }

  /** Claude {@code stop_reason}. */
  public static String toClaude(StopReason reason) {
    return switch (reason) {
      case MAX_TOKENS -> "max_tokens";
      case STOP_SEQUENCE -> "stop_sequence";
      case TOOL_USE -> "tool_use";
      case REFUSAL, CONTENT_FILTER -> "refusal";
      case PAUSE -> "pause_turn";
      case END_TURN, OTHER -> "end_turn";
    };
  }

  public static StopReason fromClaude(String stopReason) {
    return switch (stopReason == null ? "" : stopReason) {
      case "end_turn" -> StopReason.END_TURN;
      case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
      case "stop_sequence" -> StopReason.STOP_SEQUENCE;
      case "tool_use" -> StopReason.TOOL_USE;
      case "refusal" -> StopReason.REFUSAL;
      case "pause_turn" -> StopReason.PAUSE;
      default -> StopReason.OTHER;
    };
  }

  /** Gemini {@code finishReason}; Gemini says STOP after tool calls too. */
  public static String toGemini(StopReason reason) {
    return switch (reason) {
      case MAX_TOKENS -> "MAX_TOKENS";
      case CONTENT_FILTER, REFUSAL -> "SAFETY";
      case OTHER -> "OTHER";
      case END_TURN, STOP_SEQUENCE, TOOL_USE, PAUSE -> "STOP";
    };
  }

  /**
   * A Gemini {@code finishReason}; pass {@code sawToolCall} because Gemini reports STOP when the
   * model called tools.
   */
  public static StopReason fromGemini(String finishReason, boolean sawToolCall) {
    String r = finishReason == null ? "" : finishReason.toUpperCase(Locale.ROOT);
    return switch (r) {
      case "STOP", "", "FINISH_REASON_UNSPECIFIED" ->
          sawToolCall ? StopReason.TOOL_USE : StopReason.END_TURN;
      case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
      case "SAFETY",
          "RECITATION",
          "BLOCKLIST",
          "PROHIBITED_CONTENT",
          "SPII",
          "IMAGE_SAFETY",
          "LANGUAGE" ->
          StopReason.CONTENT_FILTER;
      default -> sawToolCall ? StopReason.TOOL_USE : StopReason.OTHER;
    };
  }

  /**
   * OpenAI Responses: {@code incomplete_details.reason} for an incomplete response, or {@code null}
   * when the response is {@code completed}.
   */
  public static String toResponsesIncompleteReason(StopReason reason) {
    return switch (reason) {
      case MAX_TOKENS -> "max_output_tokens";
      case CONTENT_FILTER, REFUSAL -> "content_filter";
      default -> null;
    };
  }

  /**
   * A Responses status and incomplete reason; pass {@code sawToolCall} because a completed response
   * with function calls is waiting for tool results.
   */
  public static StopReason fromResponses(
      String status, String incompleteReason, boolean sawToolCall) {
    if ("incomplete".equals(status)) {
      return "content_filter".equals(incompleteReason)
          ? StopReason.CONTENT_FILTER
          : StopReason.MAX_TOKENS;
    }
    return sawToolCall ? StopReason.TOOL_USE : StopReason.END_TURN;
  }
}
