package dev.cliproxy.metrics;

import dev.cliproxy.server.Endpoint;
import dev.cliproxy.server.Exchange;
import dev.cliproxy.server.PathTable;
import dev.cliproxy.server.ServerModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /metrics}: the registry of {@link ProxyMetrics} in the Prometheus text format (0.0.4),
 * or in OpenMetrics 1.0 when the scraper's {@code Accept} asks for it (as Prometheus does by
 * default); open as {@link MetricsAccess} says, under the settings of each request's config.
 */
public final class MetricsModule implements ServerModule {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final ProxyMetrics metrics;
  private final PathTable<Endpoint> routes;

  public MetricsModule(ProxyMetrics metrics) {
    this.metrics = metrics;
    this.routes = PathTable.<Endpoint>builder().get("/metrics", this::scrape).build();
  }

  private void scrape(Exchange exchange) throws IOException {
    MetricsAccess.check(
        MetricsSettings.of(exchange.snapshot().config()),
        exchange.peer(),
        exchange.header("Authorization"));
    String format = format(exchange.header("Accept"));
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    metrics.scrape(out, format);
    exchange.sink().complete(200, format, out.toByteArray(), Map.of());
  }

  /**
   * OpenMetrics when the scraper accepts it, else the Prometheus text format every scraper reads.
   */
  static String format(String accept) {
    return accept != null && accept.contains("application/openmetrics-text")
        ? OPEN_METRICS
        : PROMETHEUS_TEXT;
  }

  @Override
  public PathTable<Endpoint> routes() {
    return routes;
  }

  @Override
  public String endpoints() {
    return "GET /metrics (Prometheus).";
  }
}
