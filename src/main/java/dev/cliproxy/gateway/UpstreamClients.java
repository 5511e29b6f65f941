package dev.cliproxy.gateway;

import dev.cliproxy.config.ProxyUrl;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks5;
import org.eclipse.jetty.client.Socks5Proxy;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty HTTP client per outbound route (direct, or through each distinct proxy), tuned for a
 * proxy: many connections per upstream, long idle times for quiet streams, no automatic gzip or
 * user agent so bytes pass through unchanged.
 */
public final class UpstreamClients implements AutoCloseable {
  private static final String DIRECT = "direct";

  private final ConcurrentHashMap<String, HttpClient> clients = new ConcurrentHashMap<>();
  private final QueuedThreadPool threads;

  public UpstreamClients() {
    threads = new QueuedThreadPool(64, 2);
    threads.setName("upstream");
    threads.setDaemon(true);
    try {
      threads.start(); // started here so clients share it without stopping it
    } catch (Exception e) {
      throw new IllegalStateException("cannot start upstream threads: " + e, e);
    }
  }

  /** The client for a proxy (or for direct connections when empty). */
  public HttpClient forProxy(Optional<ProxyUrl> proxy) {
    String key = proxy.map(UpstreamClients::identity).orElse(DIRECT);
    return clients.computeIfAbsent(key, k -> start(proxy));
  }

  private HttpClient start(Optional<ProxyUrl> proxy) {
    HttpClient client = new HttpClient();
    client.setExecutor(threads);
    client.setMaxConnectionsPerDestination(1024);
    client.setMaxRequestsQueuedPerDestination(4096);
    client.setConnectTimeout(15_000);
    client.setIdleTimeout(10 * 60_000);
    client.setFollowRedirects(false);
    client.setUserAgentField(null);
    client.getContentDecoderFactories().clear();
    proxy.ifPresent(p -> configure(client, p));
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the upstream HTTP client: " + e, e);
    }
    // A 401 is the upstream's answer about a credential (and may lack WWW-Authenticate, which the
    // handler would call a protocol violation): the gateway reads it and refreshes or fails over.
    client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
    return client;
  }

  private static void configure(HttpClient client, ProxyUrl proxy) {
    ProxyConfiguration config = client.getProxyConfiguration();
    Origin.Address address = new Origin.Address(proxy.host(), proxy.port());
    switch (proxy.scheme()) {
      case SOCKS5 -> {
        Socks5Proxy socks = new Socks5Proxy(address, false);
        proxy
            .user()
            .ifPresent(user ->
                socks.putAuthenticationFactory(
                    new Socks5.UsernamePasswordAuthenticationFactory(
                        user, proxy.password().orElse(""))));
        config.addProxy(socks);
      }
      case HTTP, HTTPS -> {
        boolean secure = proxy.scheme() == ProxyUrl.Scheme.HTTPS;
        config.addProxy(new HttpProxy(address, secure));
        proxy
            .user()
            .ifPresent(user ->
                client
                    .getAuthenticationStore()
                    .addAuthenticationResult(
                        new BasicAuthentication.BasicResult(
                            URI.create(
                                (secure ? "https://" : "http://")
                                    + proxy.host()
                                    + ":"
                                    + proxy.port()),
                            HttpHeader.PROXY_AUTHORIZATION,
                            user,
                            proxy.password().orElse(""))));
      }
    }
  }

  /** A map key that tells proxies apart, credentials included, without printing them. */
  private static String identity(ProxyUrl p) {
    return p.scheme()
        + "\0"
        + p.host()
        + "\0"
        + p.port()
        + "\0"
        + p.user().orElse("")
        + "\0"
        + p.password().orElse("");
  }

  @Override
  public void close() {
    for (HttpClient client : clients.values()) {
      try {
        client.stop();
      } catch (Exception ignored) {
        // shutting down: nothing useful to do with a failure here
      }
    }
    clients.clear();
    try {
      threads.stop();
    } catch (Exception ignored) {
      // shutting down
    }
  }
}
