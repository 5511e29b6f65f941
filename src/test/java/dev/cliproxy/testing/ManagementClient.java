package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls {@code /v0/management} of a {@link RunningProxy} with a management key, over HTTP. */
public final class ManagementClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunningProxy proxy;
  private final String key;

  public ManagementClient(RunningProxy proxy, String key) {
    this.proxy = proxy;
    this.key = key;
  }

  /** An answer: its status, body text and the body as JSON (missing when it is not JSON). */
  public record Answer(int status, String body, HttpResponse<String> response) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** The {@code error} field of a JSON error answer. */
    public String error() {
      return json().path("error").asText();
    }
  }

  public Answer get(String path) throws Exception {
    return send(request(path).GET());
  }

  /** The status of a GET; -1 when it could not be sent (for polling). */
  public int getStatus(String path) {
    try {
      return get(path).status();
    } catch (Exception e) {
      return -1;
    }
  }

  public Answer put(String path, String body) throws Exception {
    return send(withBody(path, "PUT", body, "application/json"));
  }

  public Answer putYaml(String path, String body) throws Exception {
    return send(withBody(path, "PUT", body, "application/yaml"));
  }

  public Answer patch(String path, String body) throws Exception {
    return send(withBody(path, "PATCH", body, "application/json"));
  }

  public Answer delete(String path) throws Exception {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder withBody(String path, String method, String body, String type) {
    return request(path)
        .header("Content-Type", type)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v0/management" + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key);
  }

  private Answer send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = proxy.send(request);
    return new Answer(response.statusCode(), response.body(), response);
  }
}
