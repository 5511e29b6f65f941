package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Code Assist refuses what Google's refuses, so the end-to-end tests mean something. */
class FakeCodeAssistTest {
  private static final String ENVELOPE =
      "{\"model\":\"gemini-2.5-pro\",\"project\":\"%s\","
          + "\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}}";

  FakeCodeAssist fake;

  @BeforeEach
  void start() throws Exception {
    fake = FakeCodeAssist.start().acceptTokensStartingWith("ya29.ok").withProjects("p");
  }

  @AfterEach
  void stop() throws Exception {
    fake.close();
  }

  private HttpResponse<String> send(String body, String bearer, boolean clientHeaders)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1internal:generateContent"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (clientHeaders) {
      request
          .header("User-Agent", "google-api-nodejs-client/9.15.1")
          .header("X-Goog-Api-Client", "gl-node/22.17.0")
          .header(
              "Client-Metadata",
              "ideType=IDE_UNSPECIFIED,platform=PLATFORM_UNSPECIFIED,pluginType=GEMINI");
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRightRequestGetsTheCapturedShape() throws Exception {
    HttpResponse<String> ok = send(ENVELOPE.formatted("p"), "ya29.ok", true);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).startsWith("{\"response\":{\"candidates\":").contains("usageMetadata");
  }

  @Test
  void wrongRequestsAreRefusedAsGoogleRefusesThem() throws Exception {
    assertThat(send(ENVELOPE.formatted("p"), null, true).statusCode()).isEqualTo(401);
    assertThat(send(ENVELOPE.formatted("p"), "ya29.other", true).statusCode()).isEqualTo(401);
    assertThat(send(ENVELOPE.formatted("p"), "ya29.ok", false).statusCode()).isEqualTo(400);
    assertThat(send(ENVELOPE.formatted("other"), "ya29.ok", true).body())
        .contains("PERMISSION_DENIED");
    assertThat(send(ENVELOPE.formatted(""), "ya29.ok", true).statusCode()).isEqualTo(403);
    assertThat(
            send("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", "ya29.ok", true).statusCode())
        .isEqualTo(400);
  }
}
