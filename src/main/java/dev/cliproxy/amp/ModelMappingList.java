package dev.cliproxy.amp;

import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.KeySchema;
import dev.cliproxy.config.LoadContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a list of model mappings ({@code ampcode.model-mappings}, {@code amp-model-mappings}):
 * entries of {@code from}, {@code to} and optionally {@code regex}. An entry with an empty {@code
 * from} or {@code to} is warned and left out; a {@code regex} entry that does not compile fails the
 * load, naming the entry.
 */
final class ModelMappingList {
  private static final KeySchema ENTRY = new KeySchema(Set.of("from", "to", "regex"), Set.of());

  private ModelMappingList() {}

  /** The entries in file order, duplicates kept (the later one wins at lookup). */
  static List<ModelMapping> read(ConfigValue list, LoadContext context) {
    List<ModelMapping> mappings = new ArrayList<>();
    for (ConfigValue item : list.items()) {
      if (item.isAbsent()) {
        continue; // a stray "-" line
      }
      ENTRY.check(item.mapping(), context);
      String from = item.field("from").text("");
      String to = item.field("to").text("");
      boolean regex = item.field("regex").bool(false);
      if (from.isEmpty() || to.isEmpty()) {
        context.warn(
            item.path()
                + ": needs both 'from' and 'to' (entry ignored)"
                + ENTRY.misspellingHint(item, from.isEmpty() ? "from" : "to"));
        continue;
      }
      if (regex) {
        try {
          ModelMappings.compile(from);
        } catch (PatternSyntaxException e) {
          throw item.field("from")
              .fail(
                  "not a valid regular expression ("
                      + e.getDescription()
                      + " near index "
                      + e.getIndex()
                      + "); fix it or set regex: false");
        }
      }
      mappings.add(new ModelMapping(from, to, regex));
    }
    return mappings;
  }
}
