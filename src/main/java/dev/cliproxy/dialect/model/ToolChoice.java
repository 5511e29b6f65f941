package dev.cliproxy.dialect.model;

/** How the model must use its tools. */
public sealed interface ToolChoice {

  /** The model decides (the default). */
  record Auto(boolean parallel) implements ToolChoice {}

  /** The model must not call tools. */
  record None() implements ToolChoice {}

  /** The model must call at least one tool. */
  record Required(boolean parallel) implements ToolChoice {}

  /** The model must call this tool. */
  record Named(String name) implements ToolChoice {}

  /** The default: the model decides, and may call several tools at once. */
  ToolChoice AUTO = new Auto(true);
}
