package dev.cliproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.provider.ModelOffer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini CLI's Code Assist setup calls ("Login with Google" mode with {@code CODE_ASSIST_ENDPOINT}
 * pointing at the proxy), answered by the proxy itself since it is not Google: one standard tier,
 * the synthetic project {@value #PROJECT}, an onboarding that is already done, no experiments, no
 * admin controls, and a full quota for every model the request's snapshot serves. The model calls
 * ({@code generateContent}, {@code streamGenerateContent}, {@code countTokens}) are routes of their
 * own; any other method gets a Gemini-style 404 naming what the proxy answers.
 */
final class CodeAssistSetup {
  /** The project every answer names; the gateway ignores the project clients send back. */
  static final String PROJECT = "cliproxy";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIER = "standard-tier";
  private static final String OPERATION = "operations/cliproxy-onboarding";

  /** The setup methods answered here, with the HTTP method each is called with. */
  private static final Map<String, String> VERBS =
      Map.of(
          "loadCodeAssist", "POST",
          "onboardUser", "POST",
          "listExperiments", "POST",
          "retrieveUserQuota", "POST",
          "fetchAdminControls", "POST",
          "recordCodeAssistMetrics", "POST",
          "getCodeAssistGlobalUserSetting", "GET",
          "setCodeAssistGlobalUserSetting", "POST");

  private static final Set<String> MODEL_CALLS =
      Set.of("generateContent", "streamGenerateContent", "countTokens");
  private static final String ANSWERED =
      "This proxy answers the Code Assist methods loadCodeAssist, onboardUser, listExperiments,"
          + " retrieveUserQuota, fetchAdminControls, recordCodeAssistMetrics,"
          + " getCodeAssistGlobalUserSetting, setCodeAssistGlobalUserSetting, the operations it"
          + " polls and event:receive itself, and serves POST generateContent,"
          + " streamGenerateContent and countTokens from its upstreams.";

  private CodeAssistSetup() {}

  /** Answers {@code /v1internal:{method}} or a path below {@code /v1internal/}. */
  static void answer(Exchange exchange) throws IOException {
    Map<String, String> params = exchange.params();
    String method = params.getOrDefault("method", params.getOrDefault(PathPattern.REST, ""));
    JsonNode answer =
        params.containsKey("method") ? call(exchange, method) : resource(exchange, method);
    exchange.sink().complete(200, "application/json", JSON.writeValueAsBytes(answer), Map.of());
  }

  private static JsonNode call(Exchange exchange, String method) {
    String verb = MODEL_CALLS.contains(method) ? "POST" : VERBS.get(method);
    if (verb == null) {
      throw unsupported(exchange, "method '" + method + "'");
    }
    if (MODEL_CALLS.contains(method) || !exchange.method().equals(verb)) {
      throw wrongMethod(exchange, verb);
    }
    return switch (method) {
      case "loadCodeAssist" -> loadCodeAssist();
      case "onboardUser" -> doneOnboarding(OPERATION);
      case "listExperiments" -> {
        ObjectNode none = object();
        none.putArray("experimentIds");
        none.putArray("flags");
        yield none;
      }
      case "retrieveUserQuota" -> quota(exchange);
      case "fetchAdminControls" -> object().put("adminControlsApplicable", false);
      case "getCodeAssistGlobalUserSetting" -> userSetting(false);
      case "setCodeAssistGlobalUserSetting" ->
          userSetting(body(exchange).path("freeTierDataCollectionOptin").asBoolean(false));
      default -> object(); // recordCodeAssistMetrics: nothing to keep
    };
  }

  /** The operations the CLI polls after {@code onboardUser}, and its banner events. */
  private static JsonNode resource(Exchange exchange, String rest) {
    if (!exchange.method().equals("GET")) {
      throw wrongMethod(exchange, "GET");
    }
    if (rest.startsWith("operations/") && rest.length() > "operations/".length()) {
      return doneOnboarding(rest);
    }
    if (rest.equals("event:receive")) {
      return object().set("events", JSON.createArrayNode());
    }
    throw unsupported(exchange, "resource '" + rest + "'");
  }

  /** One current and allowed tier, standard, with the synthetic project. */
  private static JsonNode loadCodeAssist() {
    ObjectNode answer = object();
    answer.set("currentTier", tier().put("userDefinedCloudaicompanionProject", false));
    ArrayNode allowed = answer.putArray("allowedTiers");
    allowed.add(tier().put("isDefault", true).put("userDefinedCloudaicompanionProject", false));
    answer.put("cloudaicompanionProject", PROJECT);
    answer.put("gcpManaged", false);
    return answer;
  }

  private static ObjectNode tier() {
    return object()
        .put("id", TIER)
        .put("name", "CLIProxy")
        .put("description", "Served by CLIProxy from its configured upstreams");
  }

  /** A finished long-running operation whose response names the synthetic project. */
  private static JsonNode doneOnboarding(String name) {
    ObjectNode answer = object().put("name", name).put("done", true);
    ObjectNode response = answer.putObject("response");
    response.put(
        "@type", "type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse");
    response.putObject("cloudaicompanionProject").put("id", PROJECT).put("name", PROJECT);
    return answer;
  }

  /** A full request quota for every model the snapshot serves, reset at the next UTC midnight. */
  private static JsonNode quota(Exchange exchange) {
    String reset =
        Instant.now()
            .atZone(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.DAYS)
            .plusDays(1)
            .toInstant()
            .toString();
    ObjectNode answer = object();
    ArrayNode buckets = answer.putArray("buckets");
    for (ModelOffer offer : exchange.snapshot().catalog().offers()) {
      buckets
          .addObject()
          .put("modelId", offer.clientName())
          .put("tokenType", "REQUESTS")
          .put("remainingFraction", 1.0)
          .put("resetTime", reset);
    }
    return answer;
  }

  private static JsonNode userSetting(boolean optIn) {
    return object()
        .put("cloudaicompanionProject", PROJECT)
        .put("freeTierDataCollectionOptin", optIn);
  }

  /** The request body as JSON; an empty or unreadable one reads as an empty object. */
  private static JsonNode body(Exchange exchange) {
    byte[] body = exchange.body();
    try {
      JsonNode parsed = body.length == 0 ? null : JSON.readTree(body);
      return parsed == null ? object() : parsed;
    } catch (IOException e) {
      return object();
    }
  }

  private static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static RuntimeException unsupported(Exchange exchange, String what) {
    return new ProxyError(
            404,
            ProxyError.Kind.NOT_FOUND,
            "unsupported_code_assist_method",
            "The Code Assist "
                + what
                + " ("
                + exchange.method()
                + " "
                + exchange.path()
                + ") is not supported by this proxy. "
                + ANSWERED,
            Optional.empty())
        .toException();
  }

  private static RuntimeException wrongMethod(Exchange exchange, String allowed) {
    return new ProxyError(
            405,
            ProxyError.Kind.INVALID_REQUEST,
            "method_not_allowed",
            exchange.method() + " is not allowed on " + exchange.path() + "; use " + allowed + ".",
            Optional.empty())
        .toException();
  }
}
