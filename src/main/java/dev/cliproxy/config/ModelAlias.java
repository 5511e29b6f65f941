package dev.cliproxy.config;

/**
 * A model an upstream offers, from a {@code models} list.
 *
 * @param name the upstream's model name
 * @param alias the name clients use; empty means clients use {@code name}
 */
public record ModelAlias(String name, String alias) {
  /** The name clients ask for. */
  public String clientName() {
    return alias.isEmpty() ? name : alias;
  }
}
