package dev.cliproxy.metrics;

import dev.cliproxy.auth.refresh.RefreshEngine;
import dev.cliproxy.gateway.Gateway;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The proxy's one metrics registry and what feeds it: the gateway's request events, the pool's
 * credential states, the refresh engine's results, and the JVM's memory, GC, threads, classes, CPU
 * and uptime. Built once by the wiring; {@link MetricsModule} serves it.
 */
public final class ProxyMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final Gateway gateway;
  private final RequestMeters requests;
  private final JvmGcMetrics gc;
  private final CredentialGauges credentials;

  private ProxyMetrics(Gateway gateway, RefreshEngine refresh) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.gateway = gateway;
    this.requests = new RequestMeters(registry, new ModelLabels(ModelLabels.DEFAULT_LIMIT));
    gateway.listeners().add(requests);
    this.credentials = new CredentialGauges(gateway.pool(), registry);
    refresh.listen(new RefreshMeters(registry));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.gc = new JvmGcMetrics();
    gc.bindTo(registry);
  }

  /** Starts metering {@code gateway}'s requests and credentials and {@code refresh}'s results. */
  public static ProxyMetrics start(Gateway gateway, RefreshEngine refresh) {
    return new ProxyMetrics(gateway, refresh);
  }

  /** Writes every meter in {@code format}, the credential counts taken now. */
  void scrape(OutputStream out, String format) throws IOException {
    credentials.refresh();
    registry.scrape(out, format);
  }

  /** Stops listening and releases the JVM's GC notifications. */
  @Override
  public void close() {
    gateway.listeners().remove(requests);
    gc.close();
    registry.close();
  }
}
