package dev.cliproxy.testing;

import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A terminal for login tests: collects what the login prints, waits for the sign-in URL it shows,
 * and types lines into its input.
 */
public final class LoginTerminal extends Writer {
  private static final Pattern URL =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/oauth/authorize\\?\\S+)");

  private final StringBuffer text = new StringBuffer();
  private final PipedWriter keyboard = new PipedWriter();
  private final PipedReader input;

  public LoginTerminal() {
    try {
      input = new PipedReader(keyboard);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where the login prints. */
  public PrintWriter out() {
    return new PrintWriter(this, true);
  }

  /** What the login reads. */
  public Reader in() {
    return input;
  }

  /** Types a line, as a user pasting an address and pressing Enter. */
  public void type(String line) throws IOException {
    keyboard.write(line + "\n");
    keyboard.flush();
  }

  /** The sign-in URL the login printed, waiting up to 10 s for it. */
  public URI awaitUrl() throws IOException, InterruptedException {
    for (int i = 0; i < 400; i++) {
      Matcher m = URL.matcher(text);
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(25);
    }
    throw new IOException("no sign-in URL was printed: " + text);
  }

  @Override
  public void write(char[] buf, int off, int len) {
    text.append(buf, off, len);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return text.toString();
  }
}
