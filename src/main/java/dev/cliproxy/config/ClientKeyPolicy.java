package dev.cliproxy.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one client key of {@code api-keys} may do, from an entry written as a mapping; a plain
 * string entry has {@link #unrestricted} policy.
 *
 * @param key the client key itself
 * @param name what the management API and messages call the key; empty for none
 * @param models model name patterns ({@code *} wildcards) the key may ask for; empty for any
 * @param providers provider keys (e.g. {@code codex}, an {@code openai-compatibility} name) the key
 *     may be served by; empty for any
 * @param credentialGroups the groups of credentials that serve the key; empty for every credential,
 *     else only credentials in one of these groups, never another
 * @param limits the rate limits and budgets
 */
public record ClientKeyPolicy(
    String key,
    String name,
    List<String> models,
    List<String> providers,
    List<String> credentialGroups,
    Limits limits) {

  /** The keys of an {@code api-keys} mapping entry besides {@code key}, as the file spells them. */
  public static final Set<String> FIELDS =
      Set.of(
          "name",
          "models",
          "providers",
          "credential-groups",
          "requests-per-minute",
          "requests-per-day",
          "tokens-per-minute",
          "tokens-per-day",
          "concurrent-requests",
          "monthly-token-budget",
          "monthly-cost-budget");

  public ClientKeyPolicy {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    models = List.copyOf(models);
    providers = List.copyOf(providers);
    credentialGroups = List.copyOf(credentialGroups);
    Objects.requireNonNull(limits, "limits");
  }

  /** The policy of a plain string entry: every model, provider and credential, no limits. */
  public static ClientKeyPolicy unrestricted(String key) {
    return new ClientKeyPolicy(key, "", List.of(), List.of(), List.of(), Limits.NONE);
  }

  /** Whether the key is held to anything at all. */
  public boolean restricted() {
    return !models.isEmpty()
        || !providers.isEmpty()
        || !credentialGroups.isEmpty()
        || !limits.equals(Limits.NONE);
  }

  @Override
  public String toString() {
    return "ClientKeyPolicy[key=<redacted>, name=" + name + "]";
  }

  /**
   * Rate limits and budgets of one key; 0 means no limit. Minute limits are over the last 60
   * seconds, day limits over the UTC day, budgets over the UTC calendar month.
   *
   * @param requestsPerMinute {@code requests-per-minute}
   * @param requestsPerDay {@code requests-per-day}
   * @param tokensPerMinute {@code tokens-per-minute}: every token of the answers (prompt and
   *     output)
   * @param tokensPerDay {@code tokens-per-day}
   * @param concurrentRequests {@code concurrent-requests}: requests in flight at once
   * @param monthlyTokens {@code monthly-token-budget}
   * @param monthlyCostUsd {@code monthly-cost-budget}: US dollars, priced by {@code model-prices}
   *     and the bundled table
   */
  public record Limits(
      long requestsPerMinute,
      long requestsPerDay,
      long tokensPerMinute,
      long tokensPerDay,
      long concurrentRequests,
      long monthlyTokens,
      double monthlyCostUsd) {
    public static final Limits NONE = new Limits(0, 0, 0, 0, 0, 0, 0);
  }
}
