package dev.cliproxy.management;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.config.Config;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.server.Exchange;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** One call to a management endpoint: its method, path params, query, headers and body. */
public final class ManagementCall {
  private final Exchange exchange;
  private final Map<String, String> params;

  ManagementCall(Exchange exchange, Map<String, String> params) {
    this.exchange = exchange;
    this.params = Map.copyOf(params);
  }

  public String method() {
    return exchange.method();
  }

  /** A path param of the matched pattern, or null. */
  public String param(String name) {
    return params.get(name);
  }

  /** A query parameter's first value. */
  public Optional<String> query(String name) {
    return Optional.ofNullable(exchange.queryParameter(name));
  }

  /** A request header's first value, or null. */
  public String header(String name) {
    return exchange.header(name);
  }

  /** The body, bounded by {@code max-body-size-mb} (a 413 beyond). */
  public byte[] body() {
    return exchange.body();
  }

  /**
   * The body as JSON.
   *
   * @throws ManagementError 400 {@code invalid body} when it is empty or not JSON
   */
  public JsonNode json() {
    byte[] body = body();
    if (body.length == 0) {
      throw new ManagementError(400, "invalid body", "the request needs a JSON body");
    }
    try {
      return ManagementJson.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new ManagementError(
          400, "invalid body", "the body is not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ManagementError(400, "failed to read body");
    }
  }

  /** The config this call reads from start to end. */
  public Config config() {
    return exchange.snapshot().config();
  }

  /** The runtime snapshot this call reads. */
  public RuntimeSnapshot snapshot() {
    return exchange.snapshot();
  }

  /** The TCP peer. */
  public InetSocketAddress peer() {
    return exchange.peer();
  }
}
