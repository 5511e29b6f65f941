package dev.cliproxy.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@code models} list of {@code {name, alias}} mappings, rejecting clashing names. */
public final class ModelListSection {

  private ModelListSection() {}

  /** The models in file order; empty when absent. */
  public static List<ModelAlias> read(ConfigValue list, LoadContext context) {
    List<ModelAlias> models = new ArrayList<>();
    Map<String, String> pathByClientName = new HashMap<>();
    for (ConfigValue item : list.items()) {
      if (item.isAbsent()) {
        continue;
      }
      if (!item.node().isObject()) {
        throw item.fail("must be a mapping with a name and an optional alias");
      }
      ConfigKeys.MODEL.check(item, context);
      ConfigValue nameValue = item.field("name");
      String name = nameValue.text("");
      if (name.isEmpty()) {
        throw nameValue.fail(
            "is required (the upstream's model name)"
                + ConfigKeys.MODEL.misspellingHint(item, "name"));
      }
      ModelAlias model = new ModelAlias(name, item.field("alias").text(""));
      String previous = pathByClientName.putIfAbsent(model.clientName(), item.path());
      if (previous != null) {
        throw item.fail(
            "clients would reach '"
                + model.clientName()
                + "' through "
                + previous
                + " too; give one of them a different alias");
      }
      models.add(model);
    }
    return models;
  }

  /** A list of model name patterns ({@code excluded-models}): trimmed, blanks dropped. */
  public static List<String> patterns(ConfigValue list) {
    List<String> patterns = new ArrayList<>();
    for (ConfigValue item : list.items()) {
      String text = item.text("");
      if (!text.isEmpty()) {
        patterns.add(text);
      }
    }
    return patterns;
  }
}
