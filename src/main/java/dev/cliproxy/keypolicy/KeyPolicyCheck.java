package dev.cliproxy.keypolicy;

import dev.cliproxy.config.ClientKeyPolicy;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigCheck;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.usage.UsageSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns about key limits that would not hold across a restart: the counters start from the usage
 * records, so they need usage recorded, and monthly budgets need a month of records kept.
 */
public final class KeyPolicyCheck implements ConfigCheck {
  /** The check, for the loader's schema. */
  public static final ConfigSchema SCHEMA = ConfigSchema.EMPTY.withCheck(new KeyPolicyCheck());

  private KeyPolicyCheck() {}

  @Override
  public List<String> warnings(Config config) {
    List<ClientKeyPolicy.Limits> limited =
        config.keyPolicies().stream()
            .map(ClientKeyPolicy::limits)
            .filter(l -> !l.equals(ClientKeyPolicy.Limits.NONE))
            .toList();
    List<String> warnings = new ArrayList<>();
    if (limited.isEmpty()) {
      return warnings;
    }
    UsageSettings usage = UsageSettings.of(config);
    if (!usage.recording()) {
      warnings.add(
          "api-keys: usage is not recorded (usage.enabled or usage-statistics-enabled is false),"
              + " so the keys' limits count from zero after every restart");
    }
    boolean monthly =
        limited.stream().anyMatch(l -> l.monthlyTokens() > 0 || l.monthlyCostUsd() > 0);
    if (monthly && usage.retentionDays() > 0 && usage.retentionDays() < 31) {
      warnings.add(
          "api-keys: monthly budgets read back a month of usage after a restart, but"
              + " usage.retention-days is "
              + usage.retentionDays()
              + "; set it to 31 or more (or 0)");
    }
    return warnings;
  }
}
