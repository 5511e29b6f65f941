package dev.cliproxy.dialect.model;

/** Why the model stopped; {@link StopReasons} maps it to and from each dialect's words. */
public enum StopReason {
  /** It finished its turn. */
  END_TURN,
  /** It hit the output token limit. */
  MAX_TOKENS,
  /** It produced one of the stop sequences. */
  STOP_SEQUENCE,
  /** It wants tool results. */
  TOOL_USE,
  /** A safety or content filter stopped it. */
  CONTENT_FILTER,
  /** It declined to answer (Claude {@code refusal}). */
  REFUSAL,
  /** It paused a long turn to be continued (Claude {@code pause_turn}). */
  PAUSE,
  /** Anything else the provider reported. */
  OTHER
}
