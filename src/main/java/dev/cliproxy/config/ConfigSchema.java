package dev.cliproxy.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code config.yaml} may hold beyond the core keys, as provider kinds contribute it: their
 * top-level sections, and per provider the endpoint names {@code endpoints} may replace. The loader
 * reads with one schema merged from every kind ({@link #plus}).
 *
 * @param sections top-level sections, each key once and none a core key
 * @param endpoints per provider name (e.g. {@code codex}), the endpoint names under {@code
 *     endpoints.<provider>} (e.g. {@code api}, {@code auth})
 * @param checks run after every section is read, in this order, for warnings across sections
 */
public record ConfigSchema(
    List<ConfigSection<?>> sections, Map<String, Set<String>> endpoints, List<ConfigCheck> checks) {
  /** No sections and no endpoints: the core keys alone. */
  public static final ConfigSchema EMPTY = new ConfigSchema(List.of(), Map.of());

  /** A schema without checks. */
  public ConfigSchema(List<ConfigSection<?>> sections, Map<String, Set<String>> endpoints) {
    this(sections, endpoints, List.of());
  }

  public ConfigSchema {
    sections = List.copyOf(sections);
    checks = List.copyOf(checks);
    Set<String> keys = new HashSet<>();
    for (ConfigSection<?> section : sections) {
      if (ConfigKeys.CORE.contains(section.key())) {
        throw new IllegalArgumentException(
            "'" + section.key() + "' is a core config key; a provider kind cannot read it");
      }
      if (!keys.add(section.key())) {
        throw new IllegalArgumentException(
            "two config sections read '" + section.key() + "'; each key has one reader");
      }
    }
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    endpoints.forEach((provider, names) -> {
      if (names.isEmpty()) {
        throw new IllegalArgumentException("endpoints." + provider + " names no endpoint");
      }
      copy.put(provider, Set.copyOf(names));
    });
    endpoints = Collections.unmodifiableMap(copy);
  }

  /** This schema with one more section. */
  public ConfigSchema withSection(ConfigSection<?> section) {
    List<ConfigSection<?>> more = new ArrayList<>(sections);
    more.add(section);
    return new ConfigSchema(more, endpoints, checks);
  }

  /** This schema with one more check, run after those it has. */
  public ConfigSchema withCheck(ConfigCheck check) {
    List<ConfigCheck> more = new ArrayList<>(checks);
    more.add(java.util.Objects.requireNonNull(check, "check"));
    return new ConfigSchema(sections, endpoints, more);
  }

  /** This schema with the endpoint names of one more provider. */
  public ConfigSchema withEndpoints(String provider, Set<String> names) {
    return plus(new ConfigSchema(List.of(), Map.of(provider, names)));
  }

  /**
   * Both schemas in one, this one's sections and checks first.
   *
   * @throws IllegalArgumentException when both read a key or both name endpoints for a provider
   */
  public ConfigSchema plus(ConfigSchema other) {
    List<ConfigSection<?>> allSections = new ArrayList<>(sections);
    allSections.addAll(other.sections);
    Map<String, Set<String>> allEndpoints = new LinkedHashMap<>(endpoints);
    other.endpoints.forEach((provider, names) -> {
      if (allEndpoints.putIfAbsent(provider, names) != null) {
        throw new IllegalArgumentException(
            "two provider kinds name endpoints for '" + provider + "'");
      }
    });
    List<ConfigCheck> allChecks = new ArrayList<>(checks);
    allChecks.addAll(other.checks);
    return new ConfigSchema(allSections, allEndpoints, allChecks);
  }

  /** The top-level keys: the core ones and the sections'; CLIProxyAPI's others are recognised. */
  KeySchema topLevel() {
    Set<String> supported = new HashSet<>(ConfigKeys.CORE);
    sections.forEach(section -> supported.add(section.key()));
    Set<String> recognised = new HashSet<>(ConfigKeys.RECOGNISED_TOP_LEVEL);
    recognised.removeAll(supported);
    return new KeySchema(supported, recognised);
  }

  /** The providers under {@code endpoints}: those named here, and known ones not read yet. */
  KeySchema endpointProviders() {
    Set<String> recognised = new HashSet<>(ConfigKeys.RECOGNISED_ENDPOINT_PROVIDERS);
    recognised.removeAll(endpoints.keySet());
    return new KeySchema(endpoints.keySet(), recognised);
  }
}
