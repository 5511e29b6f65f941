package dev.cliproxy.auth.oauth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code --no-browser} login over SSH: the user opens the authorize URL on any machine and
 * pastes back the address the provider redirected to, instead of a loopback server receiving it.
 */
public final class PastedCallback {
  private static final String EXAMPLE = "http://localhost:1455/auth/callback?code=…&state=…";

  private PastedCallback() {}

  /**
   * Prints the authorize URL and instructions to {@code out}, then reads one line from {@code in}
   * and parses it. Gives {@link CallbackResult.TimedOut} when no line arrives within {@code
   * timeout}; the reading thread is a daemon, so an abandoned read does not keep the JVM alive.
   *
   * @throws IOException when the input ends before a line, or cannot be read
   * @throws IllegalArgumentException when the line is not a redirect address or its query
   */
  public static CallbackResult prompt(
      String authorizeUrl, PrintWriter out, Reader in, Duration timeout)
      throws IOException, InterruptedException {
    printInstructions(authorizeUrl, out);
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    FutureTask<String> read = new FutureTask<>(lines::readLine);
    Thread.ofVirtual().name("pasted-callback-reader").start(read);
    String line;
    try {
      line = read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      read.cancel(true);
      return new CallbackResult.TimedOut();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("Could not read the pasted callback address", e.getCause());
    }
    if (line == null) {
      throw new IOException("Input ended before a callback address was pasted");
    }
    return parse(line);
  }

  /** Prints the authorize URL and how to paste the redirect address back. */
  public static void printInstructions(String authorizeUrl, PrintWriter out) {
    out.println("Open this URL in a browser on any machine and sign in:");
    out.println();
    out.println("  " + authorizeUrl);
    out.println();
    out.println("The browser then goes to a localhost address that may fail to load. Copy that");
    out.println(
        "whole address from the address bar (or just the part after '?') and paste it here:");
    out.flush();
  }

  /**
   * Parses a pasted redirect: a full URL ({@code http://localhost:1455/auth/callback?code=…}) or
   * just its query ({@code code=…&state=…}, with or without the leading {@code ?}). Messages never
   * repeat the pasted text, which may hold a code.
   *
   * @throws IllegalArgumentException when the text has neither a {@code code} nor an {@code error}
   */
  public static CallbackResult parse(String pasted) {
    String text = pasted == null ? "" : pasted.strip();
    if (text.length() >= 2 && isWrapped(text)) {
      text = text.substring(1, text.length() - 1).strip();
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException(
          "Nothing was pasted; paste the address the browser was sent to, like " + EXAMPLE);
    }
    int question = text.indexOf('?');
    String query;
    if (question >= 0) {
      query = text.substring(question + 1);
    } else if (text.contains("://")) {
      throw new IllegalArgumentException(
          "The pasted address has no query (no '?code=…'); copy the whole address the browser was"
              + " sent to after signing in, like "
              + EXAMPLE);
    } else {
      query = text;
    }
    Optional<CallbackResult> result = CallbackQuery.result(CallbackQuery.parameters(query));
    return result.orElseThrow(() ->
        new IllegalArgumentException(
            "The pasted text has no 'code' or 'error' parameter, so it is not the address the"
                + " provider redirected to; paste the whole address, like "
                + EXAMPLE));
  }

  private static boolean isWrapped(String text) {
    char first = text.charAt(0);
    char last = text.charAt(text.length() - 1);
    return (first == '"' || first == '\'') && last == first || first == '<' && last == '>';
  }
}
