package dev.cliproxy.dialect.model;

import java.util.List;

/** One turn of the conversation: a role and its ordered parts. */
public record Message(Role role, List<Part> parts) {
  public Message {
    parts = List.copyOf(parts);
  }
}
