package dev.cliproxy.management;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.config.ConfigFile;
import java.util.List;
import java.util.Set;

/**
 * The scalar settings this proxy acts on ({@link ScalarSetting#ALL}): {@code GET /<name>} answers
 * {@code {"<name>": value}}; {@code PUT} and {@code PATCH} take {@code {"value": …}} and write the
 * key into {@code config.yaml} (its comments kept), live when answered; {@code DELETE /proxy-url}
 * empties the proxy URL.
 */
public final class ScalarSettingRoutes implements ManagementRoutes {
  private final ConfigEdits edits;

  public ScalarSettingRoutes(ConfigFile file) {
    this.edits = new ConfigEdits(file);
  }

  @Override
  public void addTo(ManagementRouter router) {
    for (ScalarSetting setting : ScalarSetting.ALL) {
      String path = "/" + setting.name();
      List<String> key = List.of(setting.name());
      router.get(
          path,
          call ->
              ManagementReply.field(setting.name(), setting.shown(call.config(), edits.tree())));
      router.on(
          Set.of("PUT", "PATCH"),
          path,
          call -> {
            var value = setting.accepted(call.json());
            return edits.write(document -> document.with(key, value));
          });
    }
    router.delete(
        "/proxy-url",
        call ->
            edits.write(document ->
                document.value(List.of("proxy-url")).isEmpty()
                    ? document
                    : document.with(List.of("proxy-url"), TextNode.valueOf(""))));
  }
}
