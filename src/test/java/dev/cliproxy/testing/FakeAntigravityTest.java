package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Antigravity refuses what Google's refuses, so the end-to-end tests mean something. */
class FakeAntigravityTest {
  private static final String ENVELOPE =
      "{\"model\":\"%s\",\"project\":\"%s\",\"userAgent\":\"antigravity\","
          + "\"requestId\":\"agent-1\",\"requestType\":\"agent\","
          + "\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}}";
  private static final String USER_AGENT = "antigravity/1.11.5 windows/amd64";

  FakeAntigravity fake;

  @BeforeEach
  void start() throws Exception {
    fake = FakeAntigravity.start().acceptTokensStartingWith("ya29.ok").withProject("p");
  }

  @AfterEach
  void stop() throws Exception {
    fake.close();
  }

  private HttpResponse<String> send(String method, String body, String bearer, String agent)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1internal:" + method))
            .header("Content-Type", "application/json")
            .header("User-Agent", agent)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> generate(String body) throws Exception {
    return send("generateContent", body, "ya29.ok", USER_AGENT);
  }

  @Test
  void aRightRequestGetsCodeAssistsShape() throws Exception {
    HttpResponse<String> ok = generate(ENVELOPE.formatted("gemini-2.5-pro", "p"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).startsWith("{\"response\":{\"candidates\":").contains("echo: hi");
  }

  @Test
  void wrongRequestsAreRefused() throws Exception {
    String right = ENVELOPE.formatted("gemini-2.5-pro", "p");
    assertThat(send("generateContent", right, null, USER_AGENT).statusCode()).isEqualTo(401);
    assertThat(send("generateContent", right, "ya29.other", USER_AGENT).statusCode())
        .isEqualTo(401);
    assertThat(
            send("generateContent", right, "ya29.ok", "google-api-nodejs-client/9.15.1")
                .statusCode())
        .isEqualTo(400);
    assertThat(generate(right.replace("\"userAgent\":\"antigravity\",", "")).statusCode())
        .isEqualTo(400);
    assertThat(generate(right.replace("agent-1", "req-1")).statusCode()).isEqualTo(400);
    assertThat(
            generate("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}")
                .statusCode())
        .isEqualTo(400);
    assertThat(generate(ENVELOPE.formatted("gemini-2.5-pro", "")).statusCode()).isEqualTo(403);
    assertThat(generate(ENVELOPE.formatted("gemini-2.5-pro", "other")).statusCode()).isEqualTo(403);
    assertThat(generate(ENVELOPE.formatted("gemini-3-pro-preview", "p")).statusCode())
        .isEqualTo(404);
    assertThat(send("streamGenerateContent", right, "ya29.ok", USER_AGENT).statusCode())
        .isEqualTo(400);
  }

  @Test
  void toolsAndSignaturesAreCheckedAsGeminiChecksThem() throws Exception {
    String tools =
        ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\","
            + "\"parametersJsonSchema\":{\"type\":\"object\"%s}}]}]}}";
    String asked = ENVELOPE.formatted("gemini-2.5-pro", "p").replaceFirst("}}$", "");
    HttpResponse<String> dirty = generate(asked + tools.formatted(",\"$schema\":\"x\""));
    assertThat(dirty.statusCode()).isEqualTo(400);
    assertThat(dirty.body()).contains("$schema");
    HttpResponse<String> call = generate(asked + tools.formatted(""));
    assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
    assertThat(call.body()).contains("\"functionCall\"", "\"thoughtSignature\"");
    String unsigned =
        ENVELOPE
            .formatted("gemini-2.5-pro", "p")
            .replace(
                "]}]}}",
                "]},{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\","
                    + "\"args\":{}}}]}]}}");
    HttpResponse<String> refused = generate(unsigned);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("thought_signature");
  }

  @Test
  void setupWantsAntigravitysMetadata() throws Exception {
    assertThat(
            send(
                    "loadCodeAssist",
                    "{\"metadata\":{\"ideType\":\"IDE_UNSPECIFIED\"}}",
                    "ya29.ok",
                    USER_AGENT)
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> loaded =
        send(
            "loadCodeAssist",
            "{\"metadata\":{\"ideType\":\"ANTIGRAVITY\"}}",
            "ya29.ok",
            USER_AGENT);
    assertThat(loaded.statusCode()).isEqualTo(200);
    assertThat(loaded.body()).contains("\"cloudaicompanionProject\":\"p\"");
    assertThat(
            send(
                    "onboardUser",
                    "{\"tierId\":\"free-tier\",\"metadata\":{\"ideType\":\"ANTIGRAVITY\"},"
                        + "\"cloudaicompanionProject\":\"p\"}",
                    "ya29.ok",
                    USER_AGENT)
                .statusCode())
        .isEqualTo(400);
  }
}
