package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * What one page said while it ran, from its DevTools events: console errors, uncaught exceptions,
 * every HTTP answer it got and every request that failed.
 */
public final class PageLog implements BiConsumer<String, JsonNode> {

  /** One HTTP answer the page got. */
  public record Answer(String method, String url, int status) {}

  /** A request that failed: an HTTP status of 400 or more, or no answer at all (status 0). */
  public record Failure(String method, String url, int status, String reason) {
    @Override
    public String toString() {
      return method + " " + url + " -> " + (status == 0 ? reason : status + " " + reason);
    }
  }

  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private final List<Answer> answers = new CopyOnWriteArrayList<>();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final Map<String, String[]> requests = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile String documentLoader = "";

  @Override
  public void accept(String method, JsonNode params) {
    switch (method) {
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(params.path("type").asText())) {
          StringBuilder text = new StringBuilder();
          for (JsonNode arg : params.path("args")) {
            text.append(text.isEmpty() ? "" : " ")
                .append(
                    arg.has("value")
                        ? arg.get("value").asText()
                        : arg.path("description").asText());
          }
          consoleErrors.add(text.toString());
        }
      }
      case "Runtime.exceptionThrown" -> {
        JsonNode details = params.path("exceptionDetails");
        consoleErrors.add(
            "uncaught: "
                + details
                    .path("exception")
                    .path("description")
                    .asText(details.path("text").asText()));
      }
      case "Log.entryAdded" -> {
        JsonNode entry = params.path("entry");
        if ("error".equals(entry.path("level").asText())) {
          consoleErrors.add(entry.path("text").asText() + " " + entry.path("url").asText(""));
        }
      }
      case "Network.requestWillBeSent" -> {
        requests.put(
            params.path("requestId").asText(),
            new String[] {
              params.path("request").path("method").asText(),
              params.path("request").path("url").asText()
            });
        inFlight.add(params.path("requestId").asText());
      }
      case "Page.frameNavigated" -> {
        JsonNode frame = params.path("frame");
        if (!frame.has("parentId")) {
          documentLoader = frame.path("loaderId").asText();
        }
      }
      case "Network.loadingFinished" -> inFlight.remove(params.path("requestId").asText());
      case "Network.responseReceived" -> {
        String[] request = request(params);
        JsonNode response = params.path("response");
        String url = response.path("url").asText(request[1]);
        if (url.startsWith("http")) {
          int status = response.path("status").asInt();
          answers.add(new Answer(request[0], url, status));
          if (status >= 400) {
            failures.add(
                new Failure(request[0], url, status, response.path("statusText").asText()));
          }
        }
      }
      case "Network.loadingFailed" -> {
        String[] request = request(params);
        failures.add(new Failure(request[0], request[1], 0, params.path("errorText").asText()));
        inFlight.remove(params.path("requestId").asText());
      }
      default -> {}
    }
  }

  private String[] request(JsonNode params) {
    return requests.getOrDefault(params.path("requestId").asText(), new String[] {"?", "?"});
  }

  /** Console errors, uncaught exceptions and browser error log entries, in order. */
  public List<String> consoleErrors() {
    return List.copyOf(consoleErrors);
  }

  /** Every HTTP answer so far, in order. */
  public List<Answer> answers() {
    return List.copyOf(answers);
  }

  /** The loader id of the main frame's current document, once its navigation has committed. */
  String documentLoader() {
    return documentLoader;
  }

  /** How many requests were sent and are not finished or failed yet. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Every failed request so far, in order. */
  public List<Failure> failures() {
    return List.copyOf(failures);
  }
}
