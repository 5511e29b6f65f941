package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PastedCallbackTest {
  @Test
  void parsesAFullRedirectUrl() {
    assertThat(PastedCallback.parse("http://localhost:1455/auth/callback?code=ac_1%2B2&state=abc"))
        .isEqualTo(new CallbackResult.Code("ac_1+2", "abc"));
  }

  @Test
  void parsesJustTheQueryWithOrWithoutQuestionMarkAndQuotes() {
    CallbackResult expected = new CallbackResult.Code("c", "s");
    assertThat(PastedCallback.parse("code=c&state=s")).isEqualTo(expected);
    assertThat(PastedCallback.parse("  ?state=s&code=c\n")).isEqualTo(expected);
    assertThat(PastedCallback.parse("\"http://localhost:54545/callback?code=c&state=s\""))
        .isEqualTo(expected);
    assertThat(PastedCallback.parse("<code=c&state=s>")).isEqualTo(expected);
  }

  @Test
  void parsesAnErrorRedirect() {
    assertThat(
            PastedCallback.parse(
                "http://localhost:1455/auth/callback?error=access_denied&error_description=User+said+no"))
        .isEqualTo(new CallbackResult.Denied("access_denied", "User said no"));
  }

  @Test
  void codeWithoutStateIsReportedAsInvalid() {
    assertThat(PastedCallback.parse("code=c"))
        .isInstanceOfSatisfying(
            CallbackResult.Denied.class, d -> assertThat(d.error()).isEqualTo("invalid_request"));
  }

  @Test
  void garbageGetsAClearMessageThatDoesNotEchoIt() {
    assertThatThrownBy(() -> PastedCallback.parse("hello world"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no 'code' or 'error' parameter")
        .hasMessageNotContaining("hello");
    assertThatThrownBy(() -> PastedCallback.parse("http://localhost:1455/auth/callback"))
        .hasMessageContaining("has no query");
    assertThatThrownBy(() -> PastedCallback.parse("https://example.com/?foo=bar"))
        .hasMessageContaining("no 'code' or 'error'");
    assertThatThrownBy(() -> PastedCallback.parse("   "))
        .hasMessageContaining("Nothing was pasted");
    assertThatThrownBy(() -> PastedCallback.parse(null)).hasMessageContaining("Nothing was pasted");
  }

  @Test
  void promptPrintsTheUrlAndReadsOneLine() throws Exception {
    StringWriter printed = new StringWriter();
    CallbackResult result =
        PastedCallback.prompt(
            "https://auth.example/authorize?x=1",
            new PrintWriter(printed),
            new StringReader("http://localhost:1455/auth/callback?code=c&state=s\nignored\n"),
            Duration.ofSeconds(5));

    assertThat(result).isEqualTo(new CallbackResult.Code("c", "s"));
    assertThat(printed.toString()).contains("https://auth.example/authorize?x=1");
  }

  @Test
  void promptFailsClearlyWhenInputEnds() {
    assertThatThrownBy(() ->
            PastedCallback.prompt(
                "https://a",
                new PrintWriter(new StringWriter()),
                new StringReader(""),
                Duration.ofSeconds(5)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Input ended");
  }

  @Test
  void promptTimesOutWhenNothingIsPasted() throws Exception {
    try (PipedWriter writer = new PipedWriter();
        PipedReader reader = new PipedReader(writer)) {
      CallbackResult result =
          PastedCallback.prompt(
              "https://a", new PrintWriter(new StringWriter()), reader, Duration.ofMillis(100));
      assertThat(result).isInstanceOf(CallbackResult.TimedOut.class);
    }
  }
}
