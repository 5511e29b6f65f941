package dev.cliproxy.auth.oauth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The lines a user types, read by one background thread so that several steps of a login can take
 * turns at the terminal: a wait for a pasted redirect address that ends (interrupted) leaves the
 * next line for the step after it, such as a question about which project to use.
 */
public final class TerminalLines {
  private static final Optional<String> END = Optional.empty();

  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();

  private TerminalLines() {}

  /** Starts reading {@code in} line by line on a daemon thread until it ends. */
  public static TerminalLines of(Reader in) {
    TerminalLines out = new TerminalLines();
    BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
    Thread.ofPlatform()
        .daemon()
        .name("terminal-lines")
        .start(() -> {
          try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
              out.lines.add(Optional.of(line));
            }
          } catch (IOException e) {
            // the input failed: treated as its end
          }
          out.lines.add(END);
        });
    return out;
  }

  /**
   * The next line typed, waiting for it; empty once the input has ended (and every time after).
   *
   * @throws InterruptedException when the waiting step is called off; the line stays for the next
   */
  public Optional<String> next() throws InterruptedException {
    Optional<String> line = lines.take();
    if (line.isEmpty()) {
      lines.add(END);
    }
    return line;
  }
}
