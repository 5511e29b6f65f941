package dev.cliproxy.provider;

import dev.cliproxy.auth.oauth.BrowserOpener;
import dev.cliproxy.config.Config;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;

/**
 * What a {@link LoginFlag.Flow} is given: the config the server would read (for {@code auth-dir}
 * and {@code endpoints}), an HTTP client that goes out through {@code proxy-url}, {@code
 * --no-browser}, and the terminal.
 *
 * @param config the config, read like the server's
 * @param http the HTTP client for the provider's auth server, through the configured proxy
 * @param noBrowser print the sign-in URL instead of opening a browser
 * @param out where the flow talks to the user
 * @param in what the user types (a pasted redirect address)
 * @param argument the login flag's value, for a flag that takes one ({@link LoginFlag#paramLabel})
 * @param options the values of the {@link LoginOption}s given, by name (e.g. {@code --project_id})
 * @param browser who shows the sign-in page instead of the kind's own browser opener: the
 *     management API's web login hands the URL to the web UI this way
 * @param unattended nobody answers prompts (a login started from the web UI): a question that has a
 *     default takes it, e.g. the first Google Cloud project
 */
public record LoginSession(
    Config config,
    HttpClient http,
    boolean noBrowser,
    PrintWriter out,
    Reader in,
    Optional<String> argument,
    Map<String, String> options,
    Optional<BrowserOpener> browser,
    boolean unattended) {
  public LoginSession {
    options = Map.copyOf(options);
  }

  /** A session at a terminal, with the kind's own browser opener. */
  public LoginSession(
      Config config,
      HttpClient http,
      boolean noBrowser,
      PrintWriter out,
      Reader in,
      Optional<String> argument,
      Map<String, String> options) {
    this(config, http, noBrowser, out, in, argument, options, Optional.empty(), false);
  }

  /** The browser opener to use: the session's, else {@code own}. */
  public BrowserOpener browserOr(BrowserOpener own) {
    return browser.orElse(own);
  }

  /** A session for a flag without a value or options. */
  public LoginSession(
      Config config, HttpClient http, boolean noBrowser, PrintWriter out, Reader in) {
    this(config, http, noBrowser, out, in, Optional.empty(), Map.of());
  }

  /** The value of a login option, if it was given. */
  public Optional<String> option(LoginOption option) {
    return Optional.ofNullable(options.get(option.name()));
  }
}
