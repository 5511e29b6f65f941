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
 * operation), at most {@code maxPolls} times.
 */
public final class CodeAssistOnboarding {
  /** How long to wait between {@code onboardUser} polls. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private static final String LEGACY_TIER = "legacy-tier";

  private final String base;
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
    this.base = base;
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
    load.set("metadata", metadata());
    requested.ifPresent(p -> load.put("cloudaicompanionProject", p));
    JsonNode loaded = post("loadCodeAssist", accessToken, load);
    String tier = LEGACY_TIER;
    for (JsonNode allowed : loaded.path("allowedTiers")) {
      if (allowed.path("isDefault").asBoolean(false)) {
        tier = allowed.path("id").asText(LEGACY_TIER);
        break;
      }
    }
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
    onboard.set("metadata", metadata());
    onboard.put("cloudaicompanionProject", project.get());
    for (int poll = 1; poll <= maxPolls; poll++) {
      JsonNode answer = post("onboardUser", accessToken, onboard);
      if (answer.path("done").asBoolean(false)) {
        return requested.or(() -> projectIn(answer.path("response"))).orElse(project.get());
      }
      if (poll < maxPolls) {
        pause.pause(interval);
      }
    }
    throw new OnboardingException(
        OnboardingException.Why.TIMED_OUT,
        "Code Assist onboarding of project "
            + project.get()
            + " did not finish after "
            + maxPolls
            + " checks; nothing was saved. Wait a few minutes and run the login again, or open"
            + " Gemini Code Assist for this project in the Google Cloud console first",
        null);
  }

  private JsonNode post(String method, String accessToken, JsonNode body)
      throws OnboardingException, InterruptedException {
    try {
      return call.postJson(
          URI.create(base + "/v1internal:" + method),
          CodeAssistHeaders.of(accessToken, "application/json"),
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

  private static ObjectNode metadata() {
    ObjectNode metadata = GoogleApiCall.JSON.createObjectNode();
    metadata.put("ideType", "IDE_UNSPECIFIED");
    metadata.put("platform", "PLATFORM_UNSPECIFIED");
    metadata.put("pluginType", "GEMINI");
    return metadata;
  }
}
