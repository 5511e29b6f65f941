package dev.cliproxy.auth.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Polls a token endpoint for the device-code grant (RFC 8628 §3.4–3.5) until the user approves,
 * refuses, or the code expires.
 */
public final class DeviceCodePoller {
  /** RFC 8628 §3.5: the interval grows by 5 seconds on every {@code slow_down}. */
  public static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

  /** RFC 8628 §3.2: the interval when the device authorization response gives none. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  private static final int MAX_BODY_IN_MESSAGE = 200;

  /** One token request of the poll; the answer is returned whatever its status. */
  @FunctionalInterface
  public interface TokenEndpoint {
    Response post() throws IOException, InterruptedException;

    /** Status and body of one token endpoint answer. */
    record Response(int status, String body) {}

    /**
     * Posts {@code form} as {@code application/x-www-form-urlencoded} to {@code uri}, each request
     * bounded by {@code timeout}.
     */
    static TokenEndpoint form(
        HttpClient http, URI uri, Map<String, String> form, Duration timeout) {
      String body =
          form.entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      return () -> {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
      };
    }

    private static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
  }

  /** Waits between polls; tests pass one that only advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final TokenEndpoint endpoint;
  private final ObjectMapper json;
  private final InstantSource clock;
  private final Sleeper sleeper;

  public DeviceCodePoller(
      TokenEndpoint endpoint, ObjectMapper json, InstantSource clock, Sleeper sleeper) {
    this.endpoint = endpoint;
    this.json = json;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** A poller on the system clock that really sleeps. */
  public static DeviceCodePoller system(TokenEndpoint endpoint, ObjectMapper json) {
    return new DeviceCodePoller(
        endpoint, json, InstantSource.system(), d -> Thread.sleep(d.toMillis()));
  }

  /**
   * Polls every {@code interval} (null or non-positive means 5 s) until the endpoint answers with a
   * token, which is returned as JSON; gives up once {@code expiresIn}, counted from now, has
   * passed.
   *
   * @throws DeviceCodeException when the user refuses, the code expires, or the server reports any
   *     other error
   * @throws IOException when the endpoint cannot be reached
   */
  public JsonNode poll(Duration interval, Duration expiresIn)
      throws DeviceCodeException, IOException, InterruptedException {
    Duration wait =
        interval == null || interval.isZero() || interval.isNegative()
            ? DEFAULT_INTERVAL
            : interval;
    Instant deadline = clock.instant().plus(expiresIn);
    while (true) {
      if (clock.instant().plus(wait).isAfter(deadline)) {
        throw expired(expiresIn);
      }
      sleeper.sleep(wait);
      TokenEndpoint.Response response = endpoint.post();
      if (response.status() == 429 || response.status() >= 500) {
        // The server is busy or briefly broken, not refusing: poll on, more slowly.
        wait = wait.plus(SLOW_DOWN_STEP);
        continue;
      }
      JsonNode body = parse(response.body());
      String error = body == null ? "" : body.path("error").asText("");
      if (error.isEmpty()) {
        if (response.status() / 100 == 2 && body != null && body.isObject()) {
          return body;
        }
        // A 2xx body is never quoted: it may hold a token in a form we did not expect.
        throw new DeviceCodeException(
            "invalid_response",
            "Device login failed: the token endpoint answered "
                + response.status()
                + (response.status() / 100 == 2
                    ? " with a body that is not a JSON object"
                    : " without an OAuth error: " + clip(response.body())));
      }
      switch (error) {
        case "authorization_pending" -> {}
        case "slow_down" -> wait = wait.plus(SLOW_DOWN_STEP);
        case "access_denied" ->
            throw new DeviceCodeException(
                error, "Device login was denied: the user refused access on the verification page");
        case "expired_token" -> throw expired(expiresIn);
        default -> {
          String description = body.path("error_description").asText("");
          throw new DeviceCodeException(
              error,
              "Device login failed: the token endpoint answered "
                  + response.status()
                  + " "
                  + clip(error)
                  + (description.isEmpty() ? "" : ": " + clip(description)));
        }
      }
    }
  }

  private static DeviceCodeException expired(Duration expiresIn) {
    return new DeviceCodeException(
        "expired_token",
        "Device login expired: the code was not approved within "
            + expiresIn.toSeconds()
            + " s; start the login again");
  }

  private JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? null : json.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_BODY_IN_MESSAGE
        ? text
        : text.substring(0, MAX_BODY_IN_MESSAGE) + "…";
  }
}
