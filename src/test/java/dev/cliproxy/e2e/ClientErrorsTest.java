package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeOpenAiUpstream;
import dev.cliproxy.testing.ProxyAndUpstream;
import dev.cliproxy.testing.RunningProxy;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error a client can cause answers with the right status and an OpenAI-style body. */
class ClientErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final ProxyAndUpstream servers =
      ProxyAndUpstream.withConfig(
          """
          api-keys: [good-key]
          max-body-size-mb: 1
          openai-compatibility:
            - name: Up
              base-url: %s
              api-key-entries:
                - api-key: up-1
              models:
                - name: up-model
                - name: upstream-rejects
          """);

  private HttpResponse<String> chat(String body) throws Exception {
    RunningProxy proxy = servers.proxy();
    return proxy.send(
        proxy.post("/v1/chat/completions", body).header("Authorization", "Bearer good-key"));
  }

  private static JsonNode error(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.isObject()).as("an OpenAI error object in %s", response.body()).isTrue();
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.has("type")).isTrue();
    return error;
  }

  @Test
  void malformedJsonIs400SayingWhereItBroke() throws Exception {
    HttpResponse<String> response = chat("{\"model\": \"up-model\", \"messages\": [");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = error(response);
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_json");
    assertThat(error.path("message").asText()).contains("not valid JSON", "line 1");
    assertThat(servers.upstream().received()).isEmpty();
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() throws Exception {
    HttpResponse<String> response = chat("[1,2,3]");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("message").asText()).contains("JSON object", "array");
  }

  @Test
  void missingModelIs400ListingModels() throws Exception {
    HttpResponse<String> response = chat("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = error(response);
    assertThat(error.path("code").asText()).isEqualTo("missing_model");
    assertThat(error.path("message").asText()).contains("'model'", "up-model");
  }

  @Test
  void aModelOfTheWrongTypeIs400() throws Exception {
    HttpResponse<String> response = chat("{\"model\":42,\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("message").asText()).contains("'model' must be a string");
  }

  @Test
  void aPassThroughBodyOfTheWrongShapeIs400AndNeverRestsTheKey() throws Exception {
    HttpResponse<String> response = chat("{\"model\":\"up-model\",\"messages\":1e308}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = error(response);
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_type");
    assertThat(error.path("message").asText())
        .isEqualTo("'messages' must be an array, got a number");
    assertThat(servers.upstream().received()).as("the upstream never saw the body").isEmpty();

    HttpResponse<String> next =
        chat("{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(next.statusCode()).as("the only key is not resting: %s", next.body()).isEqualTo(200);
    assertThat(servers.upstream().received()).hasSize(1);
  }

  @Test
  void unknownModelIs404ListingWhatIsAvailable() throws Exception {
    HttpResponse<String> response = chat("{\"model\":\"nope\",\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = error(response);
    assertThat(error.path("code").asText()).isEqualTo("model_not_found");
    assertThat(error.path("message").asText()).contains("'nope'", "up-model", "upstream-rejects");
  }

  @Test
  void aBodyOverTheLimitIs413SayingHowToRaiseIt() throws Exception {
    String big =
        "{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + "x".repeat(1_100_000)
            + "\"}]}";

    HttpResponse<String> response = chat(big);

    assertThat(response.statusCode()).isEqualTo(413);
    JsonNode error = error(response);
    assertThat(error.path("code").asText()).isEqualTo("request_too_large");
    assertThat(error.path("message").asText()).contains("max-body-size-mb");
    assertThat(servers.upstream().received()).isEmpty();
  }

  @Test
  void aChunkedBodyOverTheLimitIs413Too() throws Exception {
    RunningProxy proxy = servers.proxy();
    String big =
        "{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + "x".repeat(1_100_000)
            + "\"}]}";
    // a publisher of unknown length makes the client send the body chunked, without Content-Length
    var publisher =
        java.net.http.HttpRequest.BodyPublishers.fromPublisher(
            java.net.http.HttpRequest.BodyPublishers.ofString(big));

    HttpResponse<String> response =
        proxy.send(
            proxy
                .post("/v1/chat/completions", "")
                .header("Authorization", "Bearer good-key")
                .POST(publisher));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(error(response).path("code").asText()).isEqualTo("request_too_large");
  }

  @Test
  void aWrongClientKeyIs401AndNeverReachesTheUpstream() throws Exception {
    RunningProxy proxy = servers.proxy();
    HttpResponse<String> response =
        proxy.send(
            proxy
                .post("/v1/chat/completions", "{\"model\":\"up-model\",\"messages\":[]}")
                .header("Authorization", "Bearer wrong-key"));

    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode error = error(response);
    assertThat(error.path("type").asText()).isEqualTo("authentication_error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(response.body()).doesNotContain("good-key", "wrong-key");
    assertThat(servers.upstream().received()).isEmpty();
  }

  @Test
  void aMissingClientKeyIs401SayingHowToSendOne() throws Exception {
    RunningProxy proxy = servers.proxy();
    HttpResponse<String> response =
        proxy.send(proxy.post("/v1/chat/completions", "{\"model\":\"up-model\",\"messages\":[]}"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(error(response).path("message").asText()).contains("Authorization: Bearer");
  }

  @Test
  void everyKeySourceIsAccepted() throws Exception {
    RunningProxy proxy = servers.proxy();
    String body = "{\"model\":\"up-model\",\"messages\":[{\"role\":\"user\",\"content\":\"k\"}]}";
    assertThat(
            proxy
                .send(proxy.post("/v1/chat/completions", body).header("x-api-key", "good-key"))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            proxy
                .send(proxy.post("/v1/chat/completions", body).header("x-goog-api-key", "good-key"))
                .statusCode())
        .isEqualTo(200);
    assertThat(proxy.send(proxy.post("/v1/chat/completions?key=good-key", body)).statusCode())
        .isEqualTo(200);
    assertThat(
            proxy
                .send(proxy.get("/v1/models").header("Authorization", "Bearer good-key"))
                .statusCode())
        .isEqualTo(200);
    assertThat(proxy.send(proxy.get("/v1/models")).statusCode()).isEqualTo(401);
  }

  @Test
  void allKeysCoolingDownIs429WithRetryAfter() throws Exception {
    FakeOpenAiUpstream upstream = servers.upstream();
    upstream.failFor(
        "up-1", 429, Map.of("Retry-After", "45"), "{\"error\":{\"message\":\"quota\"}}");
    chat("{\"model\":\"up-model\",\"messages\":[]}");

    HttpResponse<String> response = chat("{\"model\":\"up-model\",\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(429);
    int retryAfter = Integer.parseInt(response.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter).isBetween(40, 45);
    JsonNode error = error(response);
    assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(error.path("code").asText()).isEqualTo("model_cooldown");
    assertThat(error.path("message").asText()).contains("up-model", "retry after");
    assertThat(upstream.received())
        .as("the second request never reached the resting key")
        .hasSize(1);
  }

  @Test
  void anUpstreamRejectionOfTheRequestIsPassedBackUnchanged() throws Exception {
    HttpResponse<String> response = chat("{\"model\":\"upstream-rejects\",\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("code").asText()).isEqualTo("unsupported_parameter");
    // a request fault is not the key's fault: the key stays in rotation
    assertThat(chat("{\"model\":\"up-model\",\"messages\":[]}").statusCode()).isEqualTo(200);
  }

  @Test
  void anUnreachableUpstreamIs502NamingIt() throws Exception {
    servers.upstream().close();

    HttpResponse<String> response = chat("{\"model\":\"up-model\",\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(502);
    JsonNode error = error(response);
    assertThat(error.path("code").asText()).isEqualTo("upstream_unreachable");
    assertThat(error.path("message").asText()).contains("'up'");
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405() throws Exception {
    RunningProxy proxy = servers.proxy();
    HttpResponse<String> unknown = proxy.send(proxy.get("/v2/everything"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown).path("message").asText())
        .contains("/v2/everything", "POST /v1/chat/completions");

    HttpResponse<String> wrong = proxy.send(proxy.get("/v1/chat/completions"));
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(error(wrong).path("message").asText()).contains("GET is not allowed");
  }

  @Test
  void healthAndRootNeedNoKey() throws Exception {
    RunningProxy proxy = servers.proxy();
    HttpResponse<String> health = proxy.send(proxy.get("/healthz"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(proxy.send(proxy.get("/")).body()).contains("CLI Proxy API Server");
  }
}
