package dev.cliproxy.management;

/**
 * What the web UI asks about the server itself: {@code /latest-version}, answered with the running
 * version and no outbound call (this proxy never looks for updates on its own).
 */
public final class ServerInfoRoutes implements ManagementRoutes {
  private final String version;

  public ServerInfoRoutes(String version) {
    this.version = version;
  }

  @Override
  public void addTo(ManagementRouter router) {
    router.get(
        "/latest-version",
        call ->
            ManagementReply.json(
                ManagementJson.MAPPER
                    .createObjectNode()
                    .put("latest-version", version)
                    .put("checked", false)
                    .put(
                        "message",
                        "this proxy does not look for updates; the version shown is the one"
                            + " running")));
  }
}
