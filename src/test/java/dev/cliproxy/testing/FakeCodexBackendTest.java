package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Codex backend refuses what the real one needs, so a missing header fails a test. */
class FakeCodexBackendTest {
  private static final String BODY =
      "{\"model\":\"gpt-5-codex\",\"stream\":true,\"store\":false,\"input\":["
          + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]}";

  FakeCodexBackend backend;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    backend = FakeCodexBackend.start();
    backend.acceptAccessToken("at-1", "acct-1");
    backend.acceptApiKey("sk-1");
  }

  @AfterEach
  void stop() throws Exception {
    backend.close();
  }

  private static Map<String, String> oauthHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer at-1");
    h.put("Chatgpt-Account-Id", "acct-1");
    h.put("Originator", "codex_cli_rs");
    h.put("Session_id", "s-1");
    h.put("Accept", "text/event-stream");
    return h;
  }

  private HttpResponse<String> post(Map<String, String> headers, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/responses"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCompleteRequestGetsTheResponsesEventSequence() throws Exception {
    HttpResponse<String> response = post(oauthHeaders(), BODY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(response.body())
        .contains(
            "event: response.created",
            "event: response.output_item.added",
            "event: response.output_text.delta",
            "event: response.output_item.done",
            "event: response.completed",
            "\"total_tokens\":18");
  }

  @Test
  void eachMissingHeaderIsRefused() throws Exception {
    for (String header :
        new String[] {
          "Authorization", "Chatgpt-Account-Id", "Originator", "Session_id", "Accept"
        }) {
      Map<String, String> headers = oauthHeaders();
      headers.remove(header);
      HttpResponse<String> response = post(headers, BODY);
      assertThat(response.statusCode()).as(header).isIn(400, 401);
    }
    assertThat(backend.rejections()).hasSize(5);
  }

  @Test
  void anApiKeyNeedsNoAccountHeader() throws Exception {
    Map<String, String> headers = oauthHeaders();
    headers.put("Authorization", "Bearer sk-1");
    headers.remove("Chatgpt-Account-Id");
    assertThat(post(headers, BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void bodyRulesAreEnforced() throws Exception {
    assertThat(post(oauthHeaders(), BODY.replace("\"stream\":true", "\"stream\":false")).body())
        .contains("Stream must be set to true");
    assertThat(post(oauthHeaders(), BODY.replace("\"store\":false", "\"store\":true")).body())
        .contains("Store must be set to false");
    assertThat(
            post(oauthHeaders(), BODY.replace("\"input\":", "\"temperature\":1,\"input\":")).body())
        .contains("Unsupported parameter: temperature");
  }

  private static String withTool(String name) {
    return BODY.replace(
        "\"input\":",
        "\"tools\":[{\"type\":\"function\",\"name\":\""
            + name
            + "\",\"parameters\":{}}],\"input\":");
  }

  @Test
  void functionNamesLongerThan64CharactersAreRefused() throws Exception {
    HttpResponse<String> tooLong = post(oauthHeaders(), withTool("n".repeat(65)));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("Invalid 'tools[0].name': string too long");
    assertThat(post(oauthHeaders(), withTool("n".repeat(64))).statusCode()).isEqualTo(200);
  }

  @Test
  void reasoningComesBackOnlyWithEncryptedContentTheFakeIssued() throws Exception {
    assertThat(post(oauthHeaders(), BODY).statusCode()).isEqualTo(200);
    String issued = backend.issuedEncryptedContent().getLast();
    String reasoning = "{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"%s\"},";
    String withIssued = BODY.replace("\"input\":[", "\"input\":[" + reasoning.formatted(issued));
    assertThat(post(oauthHeaders(), withIssued).statusCode()).isEqualTo(200);

    for (String foreign : new String[] {"RXFRQkNrZ0lBUkFCR0FJaVFM", issued + "x", ""}) {
      HttpResponse<String> refused =
          post(
              oauthHeaders(),
              BODY.replace("\"input\":[", "\"input\":[" + reasoning.formatted(foreign)));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("could not be verified");
    }
    assertThat(post(oauthHeaders(), withIssued.replace("\"summary\":[],", "")).body())
        .contains("summary");
  }
}
