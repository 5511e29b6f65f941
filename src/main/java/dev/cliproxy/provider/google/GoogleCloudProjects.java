package dev.cliproxy.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;

/**
 * What a Google login asks Google Cloud about the account: its email (userinfo), the projects it
 * can use (Cloud Resource Manager {@code v1/projects}), and whether an API is enabled in a project
 * (Service Usage), turning it on when it is not.
 *
 * @param userinfo the userinfo address, e.g. {@code https://www.googleapis.com/oauth2/v1/userinfo}
 * @param resourceManager e.g. {@code https://cloudresourcemanager.googleapis.com}
 * @param serviceUsage e.g. {@code https://serviceusage.googleapis.com}
 */
public record GoogleCloudProjects(String userinfo, String resourceManager, String serviceUsage) {
  /** Gemini Code Assist's API, which a project must have on to serve Code Assist requests. */
  public static final String COMPANION_API = "cloudaicompanion.googleapis.com";

  /** One listed project. */
  public record Project(String id, String name) {}

  /** The account's email address, or empty when userinfo names none. */
  public String email(HttpClient http, String accessToken)
      throws GoogleCallFailure, InterruptedException {
    JsonNode answer =
        new GoogleApiCall(http)
            .get(URI.create(userinfo + "?alt=json"), bearer(accessToken, "application/json"));
    return answer.path("email").asText("");
  }

  /** The projects the account can see, in Google's order. */
  public List<Project> list(HttpClient http, String accessToken)
      throws GoogleCallFailure, InterruptedException {
    JsonNode answer =
        new GoogleApiCall(http)
            .get(
                URI.create(resourceManager + "/v1/projects"),
                bearer(accessToken, "application/json"));
    List<Project> out = new ArrayList<>();
    for (JsonNode project : answer.path("projects")) {
      String id = project.path("projectId").asText("");
      if (!id.isEmpty()) {
        out.add(new Project(id, project.path("name").asText("")));
      }
    }
    return out;
  }

  /**
   * Makes sure {@code api} is enabled in the project: a GET of its state, and when it is not {@code
   * ENABLED}, a POST of {@code :enable}; "already enabled" counts as enabled.
   *
   * @throws GoogleCallFailure when it is off and could not be turned on
   */
  public void ensureEnabled(HttpClient http, String accessToken, String project, String api)
      throws GoogleCallFailure, InterruptedException {
    GoogleApiCall call = new GoogleApiCall(http);
    String service = serviceUsage + "/v1/projects/" + project + "/services/" + api;
    List<Map.Entry<String, String>> headers = bearer(accessToken, "application/json");
    try {
      if (call.get(URI.create(service), headers).path("state").asText("").equals("ENABLED")) {
        return;
      }
    } catch (GoogleCallFailure notReadable) {
      // fall through to enabling it, as Gemini CLI does
    }
    try {
      call.postJson(
          URI.create(service + ":enable"), headers, GoogleApiCall.JSON.createObjectNode());
    } catch (GoogleCallFailure e) {
      if (e.status() == 400 && e.getMessage().contains("already enabled")) {
        return;
      }
      throw e;
    }
  }

  private static List<Map.Entry<String, String>> bearer(String accessToken, String accept) {
    return List.of(
        Map.entry("Authorization", "Bearer " + accessToken),
        Map.entry("User-Agent", CodeAssistHeaders.USER_AGENT),
        Map.entry("Accept", accept));
  }
}
