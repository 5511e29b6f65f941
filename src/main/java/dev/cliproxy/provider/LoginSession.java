package dev.cliproxy.provider;

import dev.cliproxy.config.Config;
import java.io.PrintWriter;
import java.io.Reader;
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
 */
public record LoginSession(
    Config config, HttpClient http, boolean noBrowser, PrintWriter out, Reader in) {}
