package dev.cliproxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.config.Config.Payload;
import dev.cliproxy.config.Config.PayloadRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code payload}: {@code default} rules set request fields that are absent, {@code override}
 * rules always set them; each rule applies to the models (and optionally protocols) it names.
 */
final class PayloadSection {
  static final Set<String> PROTOCOLS = Set.of("openai", "codex", "claude", "gemini");

  private PayloadSection() {}

  static Payload read(ConfigValue section, LoadContext context) {
    ConfigKeys.PAYLOAD.check(section.mapping(), context);
    return new Payload(
        rules(section.field("default"), context), rules(section.field("override"), context));
  }

  private static List<PayloadRule> rules(ConfigValue list, LoadContext context) {
    List<PayloadRule> rules = new ArrayList<>();
    for (ConfigValue rule : list.items()) {
      if (rule.isAbsent()) {
        continue;
      }
      ConfigKeys.PAYLOAD_RULE.check(rule.mapping(), context);
      List<PayloadRule.ModelMatch> models = new ArrayList<>();
      for (ConfigValue model : rule.field("models").items()) {
        if (model.isAbsent()) {
          continue;
        }
        ConfigKeys.PAYLOAD_MODEL.check(model.mapping(), context);
        String name = model.field("name").text("");
        if (name.isEmpty()) {
          throw model.field("name").fail("is required (a model name, '*' wildcards allowed)");
        }
        String protocol = model.field("protocol").text("").toLowerCase(Locale.ROOT);
        if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
          throw model
              .field("protocol")
              .fail("must be one of openai, codex, claude, gemini (or left out for all)");
        }
        models.add(new PayloadRule.ModelMatch(name, protocol));
      }
      Map<String, JsonNode> params = new LinkedHashMap<>();
      rule.field("params")
          .fields()
          .forEach((path, value) -> {
            if (path.isBlank() || path.startsWith(".") || path.endsWith(".")) {
              throw value.fail("the key must be a dotted JSON path like 'reasoning.effort'");
            }
            params.put(path, value.node());
          });
      if (models.isEmpty()) {
        context.warn(rule.path() + ": no models (rule ignored)");
      } else if (!params.isEmpty()) {
        rules.add(new PayloadRule(models, params));
      }
    }
    return rules;
  }
}
