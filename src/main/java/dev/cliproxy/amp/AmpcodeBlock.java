package dev.cliproxy.amp;

import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.config.ConfigValue;
import dev.cliproxy.config.KeySchema;
import dev.cliproxy.config.LoadContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code ampcode:} block of CLIProxyAPI's later versions into {@link AmpSettings}. Its
 * {@code restrict-management-to-localhost} defaults to true, as the seed's flat key does, not to
 * the false those later versions chose.
 */
final class AmpcodeBlock {
  static final String KEY = "ampcode";

  /** The block; empty when the file has none. */
  static final ConfigSection<Optional<AmpSettings>> SECTION =
      ConfigSection.of(
          KEY, Optional.empty(), (value, context) -> Optional.of(read(value, context)));

  private static final KeySchema BLOCK =
      new KeySchema(
          Set.of(
              "upstream-url",
              "upstream-api-key",
              "upstream-api-keys",
              "restrict-management-to-localhost",
              "model-mappings",
              "force-model-mappings"),
          Set.of());

  private static final KeySchema CLIENT_KEY_ENTRY =
      new KeySchema(Set.of("upstream-api-key", "api-keys"), Set.of());

  private AmpcodeBlock() {}

  private static AmpSettings read(ConfigValue block, LoadContext context) {
    BLOCK.check(block.mapping(), context);
    String apiKey = block.field("upstream-api-key").text("");
    return new AmpSettings(
        UpstreamUrlValue.read(block.field("upstream-url")),
        apiKey.isEmpty() ? Optional.empty() : Optional.of(apiKey),
        clientKeys(block.field("upstream-api-keys"), context),
        block.field("restrict-management-to-localhost").bool(true),
        ModelMappingList.read(block.field("model-mappings"), context),
        block.field("force-model-mappings").bool(false));
  }

  /**
   * The per-client keys; an entry without an upstream key or client keys is warned and left out,
   * and a client key listed under two entries stays with the first (warned, never quoted).
   */
  private static List<ClientUpstreamKey> clientKeys(ConfigValue list, LoadContext context) {
    List<ClientUpstreamKey> entries = new ArrayList<>();
    Map<String, String> entryByClientKey = new HashMap<>();
    for (ConfigValue item : list.items()) {
      if (item.isAbsent()) {
        continue;
      }
      CLIENT_KEY_ENTRY.check(item.mapping(), context);
      String upstreamKey = item.field("upstream-api-key").text("");
      if (upstreamKey.isEmpty()) {
        context.warn(item.path() + ": no upstream-api-key (entry ignored)");
        continue;
      }
      Set<String> clientKeys = new LinkedHashSet<>();
      for (ConfigValue clientKey : item.field("api-keys").items()) {
        String key = clientKey.text("");
        if (key.isEmpty()) {
          continue;
        }
        String first = entryByClientKey.putIfAbsent(key, item.path());
        if (first != null && !first.equals(item.path())) {
          context.warn(
              clientKey.path()
                  + ": this client key is already mapped by "
                  + first
                  + " (the first mapping wins; ignored here)");
        } else {
          clientKeys.add(key);
        }
      }
      if (clientKeys.isEmpty()) {
        context.warn(item.path() + ": no client keys under api-keys (entry ignored)");
        continue;
      }
      entries.add(new ClientUpstreamKey(upstreamKey, List.copyOf(clientKeys)));
    }
    return entries;
  }
}
