package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.config.ClientKeyPolicy;
import dev.cliproxy.config.ConfigFile;
import dev.cliproxy.keypolicy.KeyPolicies;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The client keys' policies, {@code /api-key-policies}, beside the reference's {@code /api-keys}:
 * GET every key with its policy as the running config holds it (the {@code api-keys} entry's fields
 * as the file spells them) and (a key with limits) its counts under {@code usage}; PATCH {@code
 * {"api-key", "value": {fields}}} replaces one key's policy (adding the key when it is not listed;
 * an empty {@code value} makes it a plain key again); DELETE {@code ?api-key=} makes it a plain
 * key. Writes are validated as the file is, and live when answered.
 */
public final class KeyPolicyRoutes implements ManagementRoutes {
  static final String PATH = "/api-key-policies";

  private final ConfigEdits edits;
  private final KeyPolicies policies;

  public KeyPolicyRoutes(ConfigFile file, KeyPolicies policies) {
    this.edits = new ConfigEdits(file);
    this.policies = policies;
  }

  @Override
  public void addTo(ManagementRouter router) {
    router.get(PATH, this::list);
    router.patch(PATH, this::patch);
    router.delete(PATH, this::delete);
  }

  private ManagementReply list(ManagementCall call) {
    ArrayNode keys = ManagementJson.MAPPER.createArrayNode();
    for (KeyPolicies.KeyView view : policies.view(call.config())) {
      ClientKeyPolicy policy = view.policy();
      ClientKeyPolicy.Limits limits = policy.limits();
      ObjectNode entry = keys.addObject();
      entry.put("api-key", policy.key());
      entry.put("fingerprint", view.fingerprint());
      entry.put("name", policy.name());
      strings(entry.putArray("models"), policy.models());
      strings(entry.putArray("providers"), policy.providers());
      strings(entry.putArray("credential-groups"), policy.credentialGroups());
      entry.put("requests-per-minute", limits.requestsPerMinute());
      entry.put("requests-per-day", limits.requestsPerDay());
      entry.put("tokens-per-minute", limits.tokensPerMinute());
      entry.put("tokens-per-day", limits.tokensPerDay());
      entry.put("concurrent-requests", limits.concurrentRequests());
      entry.put("monthly-token-budget", limits.monthlyTokens());
      entry.put("monthly-cost-budget", limits.monthlyCostUsd());
      if (view.counts().isEmpty()) {
        continue;
      }
      KeyPolicies.Counts counts = view.counts().get();
      ObjectNode usage = entry.putObject("usage");
      usage.put("requests-last-minute", counts.minuteRequests());
      usage.put("tokens-last-minute", counts.minuteTokens());
      usage.put("requests-today", counts.dayRequests());
      usage.put("tokens-today", counts.dayTokens());
      usage.put("tokens-this-month", counts.monthTokens());
      usage.put("cost-this-month-usd", counts.monthCostUsd());
      usage.put("in-flight", counts.inFlight());
    }
    return ManagementReply.field("api-key-policies", keys);
  }

  private ManagementReply patch(ManagementCall call) {
    JsonNode body = call.json();
    String key = body.path("api-key").asText("").trim();
    JsonNode value = body.get("value");
    if (key.isEmpty() || value == null || !value.isObject()) {
      throw new ManagementError(
          400,
          "missing fields",
          "send {\"api-key\": \"key\", \"value\": {\"requests-per-minute\": 60, …}}");
    }
    ObjectNode entry = ManagementJson.MAPPER.createObjectNode().put("key", key);
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!ClientKeyPolicy.FIELDS.contains(field.getKey())) {
        throw new ManagementError(
            400,
            "unsupported field",
            field.getKey()
                + " is not a policy field; use "
                + String.join(", ", ClientKeyPolicy.FIELDS.stream().sorted().toList()));
      }
      if (!field.getValue().isNull()) {
        entry.set(field.getKey(), field.getValue());
      }
    }
    return replace(key, entry.size() > 1 ? entry : null, true);
  }

  private ManagementReply delete(ManagementCall call) {
    String key = call.query("api-key").map(String::trim).orElse("");
    if (key.isEmpty()) {
      throw ManagementError.badRequest("send ?api-key= (one of the api-keys)");
    }
    return replace(key, null, false);
  }

  /**
   * Sets the policy of {@code key} to {@code entry} (null: a plain key), adding the key when {@code
   * add} and it is not listed.
   */
  private ManagementReply replace(String key, ObjectNode entry, boolean add) {
    return edits.write(document -> {
      JsonNode current = document.tree().path(ApiKeyRoutes.KEY);
      List<String> keys = new ArrayList<>();
      ApiKeyRoutes.shown(current).forEach(item -> keys.add(item.asText()));
      if (!keys.contains(key)) {
        if (!add) {
          throw ManagementError.notFound("api key not found");
        }
        keys.add(key);
      }
      Map<String, ObjectNode> entries = ApiKeyEntries.policies(current);
      if (entry == null) {
        entries.remove(key);
      } else {
        entries.put(key, entry);
      }
      return document.with(List.of(ApiKeyRoutes.KEY), ApiKeyEntries.of(keys, entries));
    });
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
