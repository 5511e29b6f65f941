package dev.cliproxy.management;

import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.server.PathTable;
import java.util.Set;

/**
 * Where groups add their endpoints: paths under {@code /v0/management} (behind the availability
 * gate and the key), and a few open pages outside it (the web UI, OAuth callbacks) that answer
 * without a key.
 */
public final class ManagementRouter {
  private static final Set<String> GET = Set.of("GET", "HEAD");

  private final PathTable.Builder<ManagementEndpoint> api = PathTable.builder();
  private final PathTable.Builder<ManagementEndpoint> open = PathTable.builder();

  ManagementRouter() {}

  /** GET (and HEAD) on a path relative to {@code /v0/management}, e.g. {@code /config}. */
  public ManagementRouter get(String path, ManagementEndpoint endpoint) {
    return on(GET, path, endpoint);
  }

  public ManagementRouter put(String path, ManagementEndpoint endpoint) {
    return on(Set.of("PUT"), path, endpoint);
  }

  public ManagementRouter patch(String path, ManagementEndpoint endpoint) {
    return on(Set.of("PATCH"), path, endpoint);
  }

  public ManagementRouter post(String path, ManagementEndpoint endpoint) {
    return on(Set.of("POST"), path, endpoint);
  }

  public ManagementRouter delete(String path, ManagementEndpoint endpoint) {
    return on(Set.of("DELETE"), path, endpoint);
  }

  /** These methods on a path relative to {@code /v0/management}. */
  public ManagementRouter on(Set<String> methods, String path, ManagementEndpoint endpoint) {
    api.on(methods, path, Dialect.OPENAI_CHAT, endpoint);
    return this;
  }

  /**
   * An open page at an absolute path (e.g. {@code /management.html}): no availability gate and no
   * key; the endpoint decides who may see it.
   */
  public ManagementRouter openPage(Set<String> methods, String path, ManagementEndpoint endpoint) {
    open.on(methods, path, Dialect.OPENAI_CHAT, endpoint);
    return this;
  }

  /** GET (and HEAD) on an open page. */
  public ManagementRouter openPage(String path, ManagementEndpoint endpoint) {
    return openPage(GET, path, endpoint);
  }

  PathTable<ManagementEndpoint> api() {
    return api.build();
  }

  PathTable<ManagementEndpoint> open() {
    return open.build();
  }
}
