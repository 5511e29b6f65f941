package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.ProxyError;
import org.junit.jupiter.api.Test;

/** What each status Jetty answers by itself tells the client. */
class JsonErrorPagesTest {
  @Test
  void eachStatusJettyProducesHasItsOwnCodeAndKind() {
    assertThat(JsonErrorPages.error(400, "Illegal character").message())
        .contains("not valid HTTP", "Illegal character");
    assertThat(JsonErrorPages.error(413, null).kind()).isEqualTo(ProxyError.Kind.REQUEST_TOO_LARGE);
    assertThat(JsonErrorPages.error(414, null).code()).isEqualTo("uri_too_long");
    assertThat(JsonErrorPages.error(431, null).code()).isEqualTo("headers_too_large");
    assertThat(JsonErrorPages.error(503, null).message()).contains("shutting down");
    assertThat(JsonErrorPages.error(500, "org.eclipse.jetty.io.EofException: x").message())
        .doesNotContain("Eof");
  }

  @Test
  void aLongJettyMessageIsCut() {
    assertThat(JsonErrorPages.error(400, "x".repeat(5000)).message()).hasSizeLessThan(300);
  }
}
