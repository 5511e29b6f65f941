package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Antigravity's Code Assist ({@code v1internal}) on 127.0.0.1, in its real wire format.
 *
 * <p>Setup: {@code loadCodeAssist} must carry {@code metadata.ideType ANTIGRAVITY}; it names the
 * account's project once it has one ({@link #withProject}), else only a default {@code free-tier};
 * {@code onboardUser} (that tier, no project) answers {@code done:false} until the configured poll,
 * then {@code done:true} with the project it assigned (or never, {@link #neverFinishOnboarding}).
 *
 * <p>Model calls are refused as Google refuses them: no bearer it accepts (401), a {@code
 * User-Agent} that is not Antigravity's (400), a body that is not the envelope with Antigravity's
 * {@code userAgent:"antigravity"} and {@code requestId:"agent-…"} (400 INVALID_ARGUMENT), a project
 * it does not know (403 PERMISSION_DENIED), a model it does not serve under that name (404).
 * Answers are Code Assist's {@code {"response":{…},"traceId"}} with the text {@code "echo: <last
 * user text>"}; tools and signatures are checked and answered as {@link GeminiFunctionCalling}
 * does.
 */
public final class FakeAntigravity implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The models it serves, under Antigravity's names. */
  public static final Set<String> MODELS =
      Set.of("gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-3-pro-high");

  /** The project {@code onboardUser} assigns. */
  public static final String ONBOARDED_PROJECT = "useful-fuze-a1b2c";

  private final LoopbackJetty server;
  private final List<FakeCodeAssist.Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> tokenPrefixes = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<FakeCodeAssist.Canned> canned = new ConcurrentLinkedQueue<>();
  private final AtomicInteger polls = new AtomicInteger();
  private final GeminiFunctionCalling functions = new GeminiFunctionCalling();
  private volatile String project = "";
  private volatile int pollsUntilDone = 1;

  private FakeAntigravity() throws Exception {
    server = LoopbackJetty.start("fake-antigravity", this::serve);
  }

  public static FakeAntigravity start() throws Exception {
    return new FakeAntigravity();
  }

  /** The base URL, for {@code endpoints.antigravity.api} and {@code setup}. */
  public String baseUrl() {
    return server.origin();
  }

  /** Accepts bearers that start so. */
  public FakeAntigravity acceptTokensStartingWith(String prefix) {
    tokenPrefixes.add(prefix);
    return this;
  }

  /** The account already has this project: {@code loadCodeAssist} names it. */
  public FakeAntigravity withProject(String id) {
    project = id;
    return this;
  }

  /** {@code onboardUser} reports done at the {@code n}th poll. */
  public void finishOnboardingAfter(int n) {
    pollsUntilDone = n;
  }

  public void neverFinishOnboarding() {
    pollsUntilDone = Integer.MAX_VALUE;
  }

  public int onboardPolls() {
    return polls.get();
  }

  public void answerNextWith(FakeCodeAssist.Canned answer) {
    canned.add(answer);
  }

  /** The model calls received, in order. */
  public List<FakeCodeAssist.Received> modelCalls() {
    return received.stream().filter(r -> r.pathAndQuery().contains("Content")).toList();
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
    FakeCodeAssist.Received seen =
        new FakeCodeAssist.Received(
            request.getMethod(), path + (query == null ? "" : "?" + query), headers, raw);
    received.add(seen);
    String auth = headers.getOrDefault("authorization", "");
    String token = auth.startsWith("Bearer ") ? auth.substring(7) : "";
    if (token.isEmpty() || tokenPrefixes.stream().noneMatch(token::startsWith)) {
      refuse(response, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
      return;
    }
    if (!seen.header("user-agent").startsWith("antigravity/")) {
      refuse(response, 400, "INVALID_ARGUMENT", "unknown client");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(raw);
    } catch (IOException e) {
      refuse(response, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
      return;
    }
    if (!request.getMethod().equals("POST") || !path.startsWith("/v1internal:") || body == null) {
      refuse(response, 404, "NOT_FOUND", "not found");
      return;
    }
    switch (path.substring("/v1internal:".length())) {
      case "loadCodeAssist" -> load(body, response);
      case "onboardUser" -> onboard(body, response);
      case "generateContent" -> model(false, query, body, response);
      case "streamGenerateContent" -> model(true, query, body, response);
      default -> refuse(response, 404, "NOT_FOUND", "no such method");
    }
  }

  private void load(JsonNode body, Response response) throws IOException {
    if (!body.path("metadata").path("ideType").asText().equals("ANTIGRAVITY")) {
      refuse(response, 400, "INVALID_ARGUMENT", "metadata.ideType is required");
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.putArray("allowedTiers").addObject().put("id", "free-tier").put("isDefault", true);
    if (!project.isEmpty()) {
      out.putObject("currentTier").put("id", "free-tier").put("name", "Antigravity Free");
      out.put("cloudaicompanionProject", project);
    }
    FakeGoogleOAuth.send(response, 200, JSON.writeValueAsString(out));
  }

  private void onboard(JsonNode body, Response response) throws IOException {
    if (!body.path("tierId").asText().equals("free-tier")
        || !body.path("metadata").path("ideType").asText().equals("ANTIGRAVITY")
        || body.has("cloudaicompanionProject")) {
      refuse(response, 400, "INVALID_ARGUMENT", "bad onboarding request");
      return;
    }
    boolean done = polls.incrementAndGet() >= pollsUntilDone;
    ObjectNode out = JSON.createObjectNode();
    out.put("name", "operations/onboard-antigravity");
    out.put("done", done);
    if (done) {
      project = ONBOARDED_PROJECT;
      out.putObject("response")
          .put(
              "@type",
              "type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse")
          .putObject("cloudaicompanionProject")
          .put("id", project)
          .put("name", project);
    }
    FakeGoogleOAuth.send(response, 200, JSON.writeValueAsString(out));
  }

  private void model(boolean stream, String query, JsonNode body, Response response)
      throws IOException {
    if (stream && !"alt=sse".equals(query)) {
      refuse(response, 400, "INVALID_ARGUMENT", "alt=sse expected");
      return;
    }
    String model = body.path("model").asText("");
    JsonNode inner = body.path("request");
    if (model.isEmpty()
        || !inner.isObject()
        || !inner.path("contents").isArray()
        || body.has("contents")
        || !body.path("userAgent").asText().equals("antigravity")
        || !body.path("requestId").asText().startsWith("agent-")) {
      refuse(
          response,
          400,
          "INVALID_ARGUMENT",
          "Invalid JSON payload received. Unknown name \\\"contents\\\": Cannot find field.");
      return;
    }
    String asked = body.path("project").asText("");
    if (asked.isEmpty() || !asked.equals(project)) {
      refuse(
          response,
          403,
          "PERMISSION_DENIED",
          "Permission denied on resource project " + asked + ".");
      return;
    }
    if (!MODELS.contains(model)) {
      refuse(response, 404, "NOT_FOUND", "Requested entity was not found.");
      return;
    }
    String refused = functions.problem(inner);
    if (refused != null) {
      refuse(response, 400, "INVALID_ARGUMENT", refused);
      return;
    }
    FakeCodeAssist.Canned next = canned.poll();
    if (next != null) {
      FakeGoogleOAuth.send(response, next.status(), next.body());
      return;
    }
    CodeAssistAnswers.send(response, functions, inner, model, stream);
  }

  private static void refuse(Response response, int status, String code, String message)
      throws IOException {
    FakeGoogleOAuth.send(response, status, FakeGoogleOAuth.googleError(status, code, message));
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
