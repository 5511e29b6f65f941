package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Google's Code Assist API ({@code cloudcode-pa} {@code v1internal}) with the Cloud Resource
 * Manager project list and Service Usage on 127.0.0.1, in their real wire format.
 *
 * <p>Onboarding: {@code loadCodeAssist} answers as in the capture (a default {@code standard-tier}
 * and a project); {@code onboardUser} answers {@code done:false} until the configured number of
 * polls, then {@code done:true} with the project (or never, with {@link #neverFinishOnboarding}).
 *
 * <p>Model calls ({@code generateContent}, {@code streamGenerateContent?alt=sse}, {@code
 * countTokens}) are refused as Google refuses them: no bearer it accepts (401 UNAUTHENTICATED),
 * missing Gemini CLI client headers (400), a body that is not the {@code {model, project, request}}
 * envelope (400 INVALID_ARGUMENT), a project it does not know (403 PERMISSION_DENIED). Answers are
 * {@code {"response":{candidates…usageMetadata},"traceId"}} as captured from Gemini CLI's traffic,
 * with the text {@code "echo: <last user text>"}; tools and signatures are checked and answered as
 * {@link GeminiFunctionCalling} does.
 */
public final class FakeCodeAssist implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake saw it. */
  public record Received(
      String method, String pathAndQuery, Map<String, String> headers, byte[] raw) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode body() {
      try {
        return raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A scripted answer for the next model call. */
  public record Canned(int status, String body) {}

  private final LoopbackJetty server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> tokenPrefixes = ConcurrentHashMap.newKeySet();
  private final Set<String> projects = new LinkedHashSet<>();
  private final Set<String> enabled = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Canned> canned = new ConcurrentLinkedQueue<>();
  private final AtomicInteger polls = new AtomicInteger();
  private final GeminiFunctionCalling functions = new GeminiFunctionCalling();
  private final Map<String, List<ObjectNode>> quotas = new ConcurrentHashMap<>();
  private volatile int pollsUntilDone = 1;
  private volatile boolean refuseEnable;
  private volatile boolean refuseProjectList;

  private FakeCodeAssist() throws Exception {
    server = LoopbackJetty.start("fake-code-assist", this::serve);
  }

  public static FakeCodeAssist start() throws Exception {
    return new FakeCodeAssist();
  }

  /**
   * The base URL, for {@code endpoints.gemini-cli.api}, {@code projects} and {@code serviceusage}.
   */
  public String baseUrl() {
    return server.origin();
  }

  /** Accepts bearers that start so. */
  public FakeCodeAssist acceptTokensStartingWith(String prefix) {
    tokenPrefixes.add(prefix);
    return this;
  }

  /** Adds projects the account has (listed, and known to Code Assist), API not yet enabled. */
  public synchronized FakeCodeAssist withProjects(String... ids) {
    projects.addAll(List.of(ids));
    return this;
  }

  /** {@code onboardUser} reports done at the {@code n}th poll. */
  public void finishOnboardingAfter(int n) {
    pollsUntilDone = n;
  }

  public void neverFinishOnboarding() {
    pollsUntilDone = Integer.MAX_VALUE;
  }

  /** The Companion API cannot be turned on (403 from {@code :enable}). */
  public void refuseEnable() {
    refuseEnable = true;
  }

  /** The project list is refused, as when the Resource Manager API is off. */
  public void refuseProjectList() {
    refuseProjectList = true;
  }

  public int onboardPolls() {
    return polls.get();
  }

  public Set<String> enabledProjects() {
    return Set.copyOf(enabled);
  }

  /**
   * Adds a bucket to what {@code retrieveUserQuota} answers for a project (no buckets until then,
   * as a new account's answer in the capture).
   */
  public FakeCodeAssist quota(String project, String model, double remaining, String resetTime) {
    ObjectNode bucket =
        JSON.createObjectNode()
            .put("remainingAmount", String.valueOf(Math.round(remaining * 1000)))
            .put("remainingFraction", remaining)
            .put("resetTime", resetTime)
            .put("tokenType", "REQUESTS")
            .put("modelId", model);
    quotas.computeIfAbsent(project, p -> new CopyOnWriteArrayList<>()).add(bucket);
    return this;
  }

  /** The {@code retrieveUserQuota} calls received, in order. */
  public List<Received> quotaCalls() {
    return received.stream()
        .filter(r -> r.pathAndQuery().equals("/v1internal:retrieveUserQuota"))
        .toList();
  }

  public void answerNextWith(Canned answer) {
    canned.add(answer);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The model calls received, in order. */
  public List<Received> modelCalls() {
    return received.stream()
        .filter(
            r -> r.pathAndQuery().contains("Content") || r.pathAndQuery().contains("countTokens"))
        .toList();
  }

  private void serve(Request request, Response response) throws Exception {
    String path = Request.getPathInContext(request);
    String query = request.getHttpURI().getQuery();
    Map<String, String> headers = new LinkedHashMap<>();
    request.getHeaders().forEach(f -> headers.put(f.getLowerCaseName(), f.getValue()));
    byte[] raw;
    try (InputStream in = Content.Source.asInputStream(request)) {
      raw = in.readAllBytes();
    }
    Received seen =
        new Received(request.getMethod(), path + (query == null ? "" : "?" + query), headers, raw);
    received.add(seen);
    String auth = headers.getOrDefault("authorization", "");
    String token = auth.startsWith("Bearer ") ? auth.substring(7) : "";
    if (token.isEmpty() || tokenPrefixes.stream().noneMatch(token::startsWith)) {
      send(
          response,
          401,
          FakeGoogleOAuth.googleError(
              401, "UNAUTHENTICATED", "Request had invalid authentication credentials."));
      return;
    }
    if (request.getMethod().equals("GET") && path.equals("/v1/projects")) {
      listProjects(response);
    } else if (path.startsWith("/v1/projects/") && path.contains("/services/")) {
      service(request.getMethod(), path, response);
    } else if (request.getMethod().equals("POST") && path.startsWith("/v1internal:")) {
      codeAssist(path.substring("/v1internal:".length()), query, seen, response);
    } else {
      send(response, 404, FakeGoogleOAuth.googleError(404, "NOT_FOUND", "not found"));
    }
  }

  private synchronized void listProjects(Response response) throws IOException {
    if (refuseProjectList) {
      send(
          response,
          403,
          FakeGoogleOAuth.googleError(
              403,
              "PERMISSION_DENIED",
              "Cloud Resource Manager API has not been used in project 1 before or it is disabled."));
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    var list = out.putArray("projects");
    int n = 1;
    for (String id : projects) {
      list.addObject()
          .put("projectNumber", String.valueOf(100000 + n++))
          .put("projectId", id)
          .put("lifecycleState", "ACTIVE")
          .put("name", "Project " + id)
          .put("createTime", "2025-01-01T00:00:00.000Z");
    }
    send(response, 200, JSON.writeValueAsString(out));
  }

  private void service(String method, String path, Response response) throws IOException {
    String project = path.substring("/v1/projects/".length(), path.indexOf("/services/"));
    String service = path.substring(path.indexOf("/services/") + "/services/".length());
    boolean enable = service.endsWith(":enable");
    service = enable ? service.substring(0, service.length() - ":enable".length()) : service;
    if (!known(project) || !service.equals("cloudaicompanion.googleapis.com")) {
      send(
          response,
          403,
          FakeGoogleOAuth.googleError(
              403, "PERMISSION_DENIED", "Permission denied on resource project " + project + "."));
      return;
    }
    if (method.equals("GET") && !enable) {
      send(
          response,
          200,
          "{\"name\":\"projects/"
              + project
              + "/services/"
              + service
              + "\",\"state\":\""
              + (enabled.contains(project) ? "ENABLED" : "DISABLED")
              + "\"}");
    } else if (method.equals("POST") && enable) {
      if (refuseEnable) {
        send(
            response,
            403,
            FakeGoogleOAuth.googleError(
                403,
                "PERMISSION_DENIED",
                "The caller does not have permission to enable services"));
        return;
      }
      enabled.add(project);
      send(response, 200, "{\"name\":\"operations/enable-" + project + "\",\"done\":true}");
    } else {
      send(response, 405, FakeGoogleOAuth.googleError(405, "INVALID_ARGUMENT", "method"));
    }
  }

  private synchronized boolean known(String project) {
    return projects.contains(project);
  }

  private void codeAssist(String method, String query, Received seen, Response response)
      throws IOException {
    String missing = missingClientHeader(seen);
    if (missing != null) {
      send(
          response,
          400,
          FakeGoogleOAuth.googleError(400, "INVALID_ARGUMENT", "missing header " + missing));
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(seen.raw());
    } catch (IOException e) {
      send(
          response,
          400,
          FakeGoogleOAuth.googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
      return;
    }
    switch (method) {
      case "loadCodeAssist" -> {
        if (!body.path("metadata").path("pluginType").asText().equals("GEMINI")) {
          send(
              response,
              400,
              FakeGoogleOAuth.googleError(400, "INVALID_ARGUMENT", "metadata is required"));
          return;
        }
        String project = body.path("cloudaicompanionProject").asText("");
        ObjectNode out = JSON.createObjectNode();
        out.putObject("currentTier").put("id", "standard-tier").put("name", "Fake Standard");
        out.putArray("allowedTiers").addObject().put("id", "standard-tier").put("isDefault", true);
        if (!project.isEmpty()) {
          out.put("cloudaicompanionProject", project);
        }
        out.put("gcpManaged", false);
        send(response, 200, JSON.writeValueAsString(out));
      }
      case "onboardUser" -> {
        String project = body.path("cloudaicompanionProject").asText("");
        if (!body.path("tierId").asText().equals("standard-tier") || !known(project)) {
          send(
              response,
              400,
              FakeGoogleOAuth.googleError(400, "INVALID_ARGUMENT", "bad onboarding request"));
          return;
        }
        boolean done = polls.incrementAndGet() >= pollsUntilDone;
        ObjectNode out = JSON.createObjectNode();
        out.put("name", "operations/onboard-" + project);
        out.put("done", done);
        if (done) {
          out.putObject("response")
              .put(
                  "@type",
                  "type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse")
              .putObject("cloudaicompanionProject")
              .put("id", project)
              .put("name", project);
        }
        send(response, 200, JSON.writeValueAsString(out));
      }
      case "retrieveUserQuota" -> {
        String project = body.path("project").asText("");
        if (!known(project)) {
          send(
              response,
              403,
              FakeGoogleOAuth.googleError(
                  403,
                  "PERMISSION_DENIED",
                  "Permission denied on resource project " + project + "."));
          return;
        }
        ObjectNode out = JSON.createObjectNode();
        out.putArray("buckets").addAll(quotas.getOrDefault(project, List.of()));
        send(response, 200, JSON.writeValueAsString(out));
      }
      case "generateContent", "streamGenerateContent" -> model(method, query, body, response);
      case "countTokens" -> {
        JsonNode inner = body.path("request");
        if (!inner.path("contents").isArray() || body.has("project")) {
          send(
              response,
              400,
              FakeGoogleOAuth.googleError(400, "INVALID_ARGUMENT", "Invalid countTokens request"));
          return;
        }
        send(response, 200, "{\"totalTokens\":42}");
      }
      default ->
          send(response, 404, FakeGoogleOAuth.googleError(404, "NOT_FOUND", "no method " + method));
    }
  }

  private void model(String method, String query, JsonNode body, Response response)
      throws IOException {
    boolean stream = method.equals("streamGenerateContent");
    if (stream && !"alt=sse".equals(query)) {
      send(response, 400, FakeGoogleOAuth.googleError(400, "INVALID_ARGUMENT", "alt=sse expected"));
      return;
    }
    String model = body.path("model").asText("");
    JsonNode inner = body.path("request");
    if (model.isEmpty()
        || !inner.isObject()
        || !inner.path("contents").isArray()
        || body.has("contents")) {
      send(
          response,
          400,
          FakeGoogleOAuth.googleError(
              400,
              "INVALID_ARGUMENT",
              "Invalid JSON payload received. Unknown name \"contents\": Cannot find field."));
      return;
    }
    String project = body.path("project").asText("");
    if (!known(project)) {
      send(
          response,
          403,
          FakeGoogleOAuth.googleError(
              403, "PERMISSION_DENIED", "Permission denied on resource project " + project + "."));
      return;
    }
    String refused = functions.problem(inner);
    if (refused != null) {
      send(response, 400, FakeGoogleOAuth.googleError(400, "INVALID_ARGUMENT", refused));
      return;
    }
    Canned next = canned.poll();
    if (next != null) {
      send(response, next.status(), next.body());
      return;
    }
    CodeAssistAnswers.send(response, functions, inner, model, stream);
  }

  private static String missingClientHeader(Received seen) {
    for (String name : List.of("user-agent", "x-goog-api-client", "client-metadata")) {
      String value = seen.header(name);
      if (value == null || value.isBlank()) {
        return name;
      }
    }
    if (!seen.header("client-metadata").contains("pluginType=GEMINI")) {
      return "client-metadata";
    }
    return null;
  }

  private static void send(Response response, int status, String body) throws IOException {
    FakeGoogleOAuth.send(response, status, body);
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
