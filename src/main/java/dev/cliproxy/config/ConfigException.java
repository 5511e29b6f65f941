package dev.cliproxy.config;

/**
 * A config file that cannot be used, with the file, the place in it and what is wrong; never
 * carries a secret value.
 */
public final class ConfigException extends RuntimeException {

  private final String source;
  private final String where;
  private final String problem;

  /**
   * @param source the file the problem is in, e.g. {@code config.yaml}; empty when unknown
   * @param where a key path such as {@code openai-compatibility[1].base-url}, or a position such as
   *     {@code line 3, column 7}; empty for the document as a whole
   * @param problem what is wrong and, where useful, what is accepted
   */
  public ConfigException(String source, String where, String problem) {
    super(format(source, where, problem));
    this.source = source;
    this.where = where;
    this.problem = problem;
  }

  ConfigException(String source, String where, String problem, Throwable cause) {
    this(source, where, problem);
    initCause(cause);
  }

  static ConfigException at(String where, String problem) {
    return new ConfigException("", where, problem);
  }

  /** The same problem, attributed to {@code source}. */
  ConfigException withSource(String newSource) {
    ConfigException copy = new ConfigException(newSource, where, problem);
    if (getCause() != null) {
      copy.initCause(getCause());
    }
    return copy;
  }

  /** The file the problem is in; empty when unknown. */
  public String source() {
    return source;
  }

  /** The key path or position of the problem; empty for the document as a whole. */
  public String where() {
    return where;
  }

  /** What is wrong. */
  public String problem() {
    return problem;
  }

  private static String format(String source, String where, String problem) {
    StringBuilder message = new StringBuilder();
    if (!source.isEmpty()) {
      message.append(source).append(": ");
    }
    if (!where.isEmpty()) {
      message.append(where).append(": ");
    }
    return message.append(problem).toString();
  }
}
