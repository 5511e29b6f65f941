package dev.cliproxy.provider;

/**
 * An option that modifies a login, such as {@code --project_id ID} for the Google login: given on
 * the command line next to a login flag that accepts it ({@link LoginFlag#options()}), and read by
 * the flow from {@link LoginSession#option}.
 *
 * @param name the option with its dashes, e.g. {@code --project_id}
 * @param paramLabel the name of its value in {@code --help}, e.g. {@code ID}
 * @param description its help text
 */
public record LoginOption(String name, String paramLabel, String description) {
  public LoginOption {
    if (!name.startsWith("--") || name.length() < 3) {
      throw new IllegalArgumentException("a login option starts with --: " + name);
    }
  }
}
