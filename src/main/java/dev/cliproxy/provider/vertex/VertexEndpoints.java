package dev.cliproxy.provider.vertex;

import dev.cliproxy.config.Config;
import java.util.Optional;
import java.util.Set;

/**
 * Where Vertex AI is: the regional host {@code https://<location>-aiplatform.googleapis.com}, or
 * {@code https://aiplatform.googleapis.com} for the {@code global} location; an account file's
 * {@code base_url}, else {@code endpoints.vertex.api}, replaces it.
 *
 * @param api the configured override of every account's host, if any
 */
record VertexEndpoints(Optional<String> api) {
  /** The provider name the overrides are filed under. */
  static final String PROVIDER = "vertex";

  /** The names {@code endpoints.vertex} may replace. */
  static final Set<String> NAMES = Set.of("api");

  /** The endpoints with the config's override. */
  static VertexEndpoints of(Config.Endpoints endpoints) {
    return new VertexEndpoints(
        Optional.ofNullable(endpoints.url(PROVIDER, "api", null)).filter(u -> !u.isBlank()));
  }

  /** The host for a location, without overrides. */
  static String host(String location) {
    return location.equals("global")
        ? "https://aiplatform.googleapis.com"
        : "https://" + location + "-aiplatform.googleapis.com";
  }

  /** The publisher models collection an account calls. */
  String modelsUrl(VertexAccount account) {
    String base = account.baseUrl().or(() -> api).orElseGet(() -> host(account.location()));
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base
        + "/v1/projects/"
        + account.projectId()
        + "/locations/"
        + account.location()
        + "/publishers/google/models";
  }
}
