package dev.cliproxy.amp;

import dev.cliproxy.gateway.Codecs;
import dev.cliproxy.gateway.Gateway;
import dev.cliproxy.server.Endpoint;
import dev.cliproxy.server.ModelRoutes;
import dev.cliproxy.server.PathTable;
import dev.cliproxy.server.ServerModule;
import java.util.List;

/**
 * The Amp module: what Amp CLI and the Amp IDE extensions call under their {@code amp.url} when it
 * names this proxy. Their model calls under {@code /api/provider/{provider}} (and Vertex-style
 * Gemini paths under {@code /api/provider/google/v1beta1}) are served from the user's own accounts
 * when a local upstream serves the model, after the config's model mappings ({@link
 * ProviderGuard}), and go to the Amp upstream otherwise; everything else Amp calls — its API under
 * {@code /api}, the login pages, threads, docs, settings, the feeds and the agent's WebSocket under
 * {@code /actors} — is relayed to the Amp upstream ({@link ManagementRoute}). Settings are read
 * from the config each request arrived with, so every change applies on reload.
 */
public final class AmpModule implements ServerModule {
  /** The root paths relayed to Amp as they are; each also matches everything below it. */
  private static final List<String> RELAYED =
      List.of(
          "/api/*",
          "/auth/*",
          "/threads/*",
          "/threads.rss",
          "/docs/*",
          "/settings/*",
          "/news.rss",
          "/actors/*");

  private final PathTable<Endpoint> routes;

  public AmpModule(Gateway gateway, Codecs codecs, AmpUpstream upstream) {
    ModelRoutes models = new ModelRoutes(gateway, codecs);
    ProviderGuard guard = new ProviderGuard(upstream);
    PathTable.Builder<Endpoint> relayed = PathTable.builder();
    ManagementRoute relay = new ManagementRoute(upstream);
    RELAYED.forEach(path -> relayed.any(path, relay));
    this.routes =
        PathTable.concat(
            List.of(
                models.providerAliases("/api/provider/{provider}", guard),
                models.vertexAliases("/api/provider/google", guard),
                relayed.build()));
  }

  @Override
  public PathTable<Endpoint> routes() {
    return routes;
  }

  @Override
  public String endpoints() {
    return "For Amp: /api/provider/{provider}/v1/… (model calls), and /api/*, /auth/*, /threads/*,"
        + " /actors/* relayed to the Amp upstream.";
  }
}
