package dev.cliproxy.provider.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;

/**
 * One JSON call to a Google endpoint as the login and refresh make them: a form or JSON body, the
 * headers given, one attempt with a time limit, and the answer as a tree, or a {@link
 * GoogleCallFailure} quoting Google's error (OAuth {@code error}/{@code error_description}, or
 * {@code error.status}/{@code error.message}).
 */
public final class GoogleApiCall {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_QUOTED = 200;

  private final HttpClient http;

  /**
   * @param http a started client, through the outbound proxy the config asks for
   */
  public GoogleApiCall(HttpClient http) {
    this.http = http;
  }

  /** A GET with these headers; a non-2xx answer fails. */
  public JsonNode get(URI url, List<Map.Entry<String, String>> headers)
      throws GoogleCallFailure, InterruptedException {
    return send(http.newRequest(url).method(HttpMethod.GET), headers, url);
  }

  /** A POST of a JSON body with these headers; a non-2xx answer fails. */
  public JsonNode postJson(URI url, List<Map.Entry<String, String>> headers, JsonNode body)
      throws GoogleCallFailure, InterruptedException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
    return send(
        http.newRequest(url)
            .method(HttpMethod.POST)
            .body(new BytesRequestContent("application/json", bytes)),
        headers,
        url);
  }

  /** A POST of an {@code application/x-www-form-urlencoded} body (the token endpoint's). */
  public JsonNode postForm(URI url, String form) throws GoogleCallFailure, InterruptedException {
    return send(
        http.newRequest(url)
            .method(HttpMethod.POST)
            .body(
                new BytesRequestContent(
                    "application/x-www-form-urlencoded",
                    form.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        List.of(Map.entry("Accept", "application/json")),
        url);
  }

  private JsonNode send(Request request, List<Map.Entry<String, String>> headers, URI url)
      throws GoogleCallFailure, InterruptedException {
    ContentResponse response;
    try {
      response =
          request
              .headers(h -> headers.forEach(e -> h.put(e.getKey(), e.getValue())))
              .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .send();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new GoogleCallFailure(
          0,
          "",
          "Could not reach "
              + url.getHost()
              + ":"
              + url.getPort()
              + " ("
              + (cause == null ? "no answer" : cause.getClass().getSimpleName())
              + ")",
          cause);
    }
    JsonNode answer = parse(response.getContent());
    int status = response.getStatus();
    if (status / 100 != 2) {
      JsonNode error = answer.path("error");
      String code = error.isTextual() ? error.asText() : error.path("status").asText("");
      String text =
          error.isTextual()
              ? answer.path("error_description").asText("")
              : error.path("message").asText("");
      throw new GoogleCallFailure(
          status,
          quoted(code),
          url.getPath()
              + " answered "
              + status
              + (code.isEmpty() ? "" : ": " + quoted(code))
              + (text.isEmpty() ? "" : " (" + quoted(text) + ")"),
          null);
    }
    return answer;
  }

  private static JsonNode parse(byte[] content) {
    try {
      JsonNode node = content.length == 0 ? null : JSON.readTree(content);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  /** A short, single-line quote of a provider message. */
  static String quoted(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "…";
  }
}
