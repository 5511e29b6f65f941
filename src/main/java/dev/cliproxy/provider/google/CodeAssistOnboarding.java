package dev.cliproxy.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;

/**
 * Signs an account up for Code Assist in one Google Cloud project, as Gemini CLI does on first use:
 * {@code v1internal:loadCodeAssist} tells the default tier and the project Google picked, then
 * {@code v1internal:onboardUser} is repeated until it answers {@code done:true} (a long-running
 * operation), at most {@code maxPolls} times. Antigravity instead takes the project {@code
 * loadCodeAssist} names and onboards only an account that has none ({@link #resolve}).
 */
public final class CodeAssistOnboarding {
  /** How long to wait between {@code onboardUser} polls. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private static final String LEGACY_TIER = "legacy-tier";

  private final String base;
  private final CodeAssistClient client;
  private final GoogleApiCall call;
  private final Pause pause;
  private final Duration interval;
  private final int maxPolls;

  /**
   * @param base the Code Assist address, e.g. {@code https://cloudcode-pa.googleapis.com}
   * @param interval the wait between polls (5 s in Gemini CLI)
   * @param maxPolls how many {@code onboardUser} answers without {@code done} end the wait
   */
  public CodeAssistOnboarding(
      String base, HttpClient http, Pause pause, Duration interval, int maxPolls) {
    this(base, CodeAssistClient.GEMINI_CLI, http, pause, interval, maxPolls);
  }

  /** Onboarding as {@code client} calls Code Assist. */
  public CodeAssistOnboarding(
      String base,
      CodeAssistClient client,
      HttpClient http,
      Pause pause,
      Duration interval,
      int maxPolls) {
    this.base = base;
    this.client = client;
    this.call = new GoogleApiCall(http);
    this.pause = pause;
    this.interval = interval;
    this.maxPolls = maxPolls;
  }

  /**
   * Onboards the account and returns the project to send requests with: the one asked for, else the
   * one Code Assist picked.
   */
  public String onboard(String accessToken, Optional<String> requested)
      throws OnboardingException, InterruptedException {
    ObjectNode load = GoogleApiCall.JSON.createObjectNode();
    load.set("metadata", client.metadata());
    requested.ifPresent(p -> load.put("cloudaicompanionProject", p));
    JsonNode loaded = post("loadCodeAssist", accessToken, load);
    String tier = defaultTier(loaded);
    Optional<String> project = requested.or(() -> projectIn(loaded));
    if (project.isEmpty()) {
      throw new OnboardingException(
          OnboardingException.Why.NEEDS_PROJECT,
          "Code Assist did not pick a Google Cloud project for this account; run the login again"
              + " with --project_id <project_id>",
          null);
    }
    ObjectNode onboard = GoogleApiCall.JSON.createObjectNode();
    onboard.put("tierId", tier);
    onboard.set("metadata", client.metadata());
    onboard.put("cloudaicompanionProject", project.get());
    JsonNode done = poll(accessToken, onboard, "of project " + project.get());
    return requested.or(() -> projectIn(done.path("response"))).orElse(project.get());
  }

  /**
   * The project the account's requests go to, as Antigravity finds it: the one {@code
   * loadCodeAssist} names, else the one {@code onboardUser} (with the account's current or default
   * tier and no project) reports once done.
   */
  public String resolve(String accessToken) throws OnboardingException, InterruptedException {
    ObjectNode load = GoogleApiCall.JSON.createObjectNode();
    load.set("metadata", client.metadata());
    JsonNode loaded = post("loadCodeAssist", accessToken, load);
    Optional<String> named = projectIn(loaded);
    if (named.isPresent()) {
      return named.get();
    }
    String tier = loaded.path("currentTier").path("id").asText("");
    ObjectNode onboard = GoogleApiCall.JSON.createObjectNode();
    onboard.put("tierId", tier.isEmpty() ? defaultTier(loaded) : tier);
    onboard.set("metadata", client.metadata());
    JsonNode done = poll(accessToken, onboard, "of this account");
    return projectIn(done.path("response"))
        .orElseThrow(() ->
            new OnboardingException(
                OnboardingException.Why.NEEDS_PROJECT,
                "Code Assist onboarded the account but named no Google Cloud project for it;"
                    + " nothing was saved",
                null));
  }

  /** Repeats {@code onboardUser} until it is done, at most {@code maxPolls} times. */
  private JsonNode poll(String accessToken, ObjectNode onboard, String what)
      throws OnboardingException, InterruptedException {
    for (int poll = 1; poll <= maxPolls; poll++) {
      JsonNode answer = post("onboardUser", accessToken, onboard);
      if (answer.path("done").asBoolean(false)) {
        return answer;
      }
      if (poll < maxPolls) {
        pause.pause(interval);
      }
    }
    throw new OnboardingException(
        OnboardingException.Why.TIMED_OUT,
        "Code Assist onboarding "
            + what
            + " did not finish after "
            + maxPolls
            + " checks; nothing was saved. Wait a few minutes and run the login again, or open"
            + " Gemini Code Assist for this project in the Google Cloud console first",
        null);
  }

  /** The tier {@code allowedTiers} marks as default, else {@code legacy-tier}. */
  private static String defaultTier(JsonNode loaded) {
    for (JsonNode allowed : loaded.path("allowedTiers")) {
      if (allowed.path("isDefault").asBoolean(false)) {
        return allowed.path("id").asText(LEGACY_TIER);
      }
    }
    return LEGACY_TIER;
  }

  private JsonNode post(String method, String accessToken, JsonNode body)
      throws OnboardingException, InterruptedException {
    try {
      return call.postJson(
          URI.create(base + "/v1internal:" + method),
          client.headers(accessToken, "application/json"),
          body);
    } catch (GoogleCallFailure e) {
      throw new OnboardingException(
          OnboardingException.Why.FAILED, "Code Assist " + method + ": " + e.getMessage(), e);
    }
  }

  /** {@code cloudaicompanionProject} as a string, or an object's {@code id}. */
  private static Optional<String> projectIn(JsonNode answer) {
    JsonNode project = answer.path("cloudaicompanionProject");
    String id = project.isTextual() ? project.asText() : project.path("id").asText("");
    return id.isBlank() ? Optional.empty() : Optional.of(id);
  }
}
