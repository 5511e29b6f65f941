package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.StringReader;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Steps of a login take turns at the terminal: a called-off wait leaves the line for the next. */
class TerminalLinesTest {

  @Test
  void aWaitThatIsCalledOffLeavesTheNextLineForTheNextStep() throws Exception {
    PipedWriter keyboard = new PipedWriter();
    TerminalLines lines = TerminalLines.of(new PipedReader(keyboard));
    Thread waiting =
        Thread.ofVirtual()
            .start(() -> {
              try {
                lines.next();
              } catch (InterruptedException expected) {
                // called off
              }
            });
    Thread.sleep(50);
    waiting.interrupt();
    waiting.join(2000);

    CompletableFuture<Optional<String>> next =
        CompletableFuture.supplyAsync(() -> {
          try {
            return lines.next();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    keyboard.write("2\n");
    keyboard.flush();
    assertThat(next.get(5, TimeUnit.SECONDS)).hasValue("2");
  }

  @Test
  void theEndOfInputIsSeenByEveryLaterStep() throws Exception {
    TerminalLines lines = TerminalLines.of(new StringReader("a\n"));
    assertThat(lines.next()).hasValue("a");
    assertThat(lines.next()).isEmpty();
    assertThat(lines.next()).isEmpty();
  }
}
