package dev.cliproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.testing.ProvidersProxy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose endpoint ends without an answer (it reported the client gone while the client is
 * still there) fails Jetty's callback with nothing sent: Jetty's 500 is JSON in the route's
 * dialect, not its HTML page naming the exception.
 */
class FailedCallbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One route per dialect whose endpoint gives up as if the client had hung up. */
  static final class GivingUpModule implements ServerModule {
    @Override
    public PathTable<Endpoint> routes() {
      return PathTable.<Endpoint>builder()
          .post("/give-up/openai", GivingUpModule::giveUp)
          .on(Set.of("POST"), "/give-up/claude", Dialect.CLAUDE, GivingUpModule::giveUp)
          .build();
    }

    private static void giveUp(Exchange exchange) throws IOException {
      throw new IOException("the sink saw a hang-up");
    }
  }

  @TempDir Path dir;

  @Test
  void jettysOwn500IsJsonInTheRoutesDialect() throws Exception {
    try (ProvidersProxy proxy =
        ProvidersProxy.withModules(dir, "max-body-size-mb: 1\n", new GivingUpModule())) {
      HttpResponse<String> openAi = proxy.post("/give-up/openai", "{}");
      HttpResponse<String> claude = proxy.post("/give-up/claude", "{}");

      for (HttpResponse<String> answer : new HttpResponse[] {openAi, claude}) {
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(answer.body()).doesNotContainIgnoringCase("<html").doesNotContain("Eof");
      }
      JsonNode openAiError = JSON.readTree(openAi.body()).path("error");
      assertThat(openAiError.path("code").asText()).isEqualTo("internal_error");
      assertThat(JSON.readTree(claude.body()).path("type").asText()).isEqualTo("error");
    }
  }
}
