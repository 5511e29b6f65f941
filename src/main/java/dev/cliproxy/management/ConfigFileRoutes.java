package dev.cliproxy.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigDocument;
import dev.cliproxy.config.ConfigException;
import dev.cliproxy.config.ConfigFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The config as a whole: {@code GET /config} (the file as JSON in the reference's shape, without
 * {@code port}, {@code auth-dir} and {@code remote-management}, so never the key's hash), {@code
 * GET /config.yaml} (the file's bytes) and {@code PUT /config.yaml} (a whole new file: 400 when it
 * is not YAML, 422 with the loader's reason when it is not a valid config, the file untouched
 * either way; live when answered).
 */
public final class ConfigFileRoutes implements ManagementRoutes {
  /** What {@code GET /config} leaves out, as the reference does. */
  static final List<String> HIDDEN = List.of("port", "auth-dir", "remote-management");

  private static final Map<String, String> YAML_HEADERS =
      Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");

  private final ConfigEdits edits;

  public ConfigFileRoutes(ConfigFile file) {
    this.edits = new ConfigEdits(file);
  }

  @Override
  public void addTo(ManagementRouter router) {
    router.get("/config", call -> ManagementReply.json(view(readableTree(), call.config())));
    router.get("/config.yaml", call -> yaml());
    router.put("/config.yaml", this::replace);
  }

  /**
   * The file's tree as {@code GET /config} shows it: the hidden keys left out, the scalars this
   * proxy acts on always there (with their defaults), the client keys as strings, and the key lists
   * and model exclusions as their own endpoints show them.
   */
  static ObjectNode view(ObjectNode tree, Config running) {
    ObjectNode view = tree.deepCopy();
    HIDDEN.forEach(view::remove);
    for (ScalarSetting setting : ScalarSetting.ALL) {
      view.set(setting.name(), setting.shown(running, tree));
    }
    view.set(ApiKeyRoutes.KEY, ApiKeyRoutes.shown(tree.get(ApiKeyRoutes.KEY)));
    for (KeyList list : KeyList.ALL) {
      if (tree.has(list.section())) {
        view.set(list.section(), list.shown(tree.get(list.section())));
      }
    }
    if (tree.has(OAuthExcludedModelsRoutes.KEY)) {
      view.set(
          OAuthExcludedModelsRoutes.KEY,
          OAuthExcludedModelsRoutes.shown(tree.get(OAuthExcludedModelsRoutes.KEY)));
    }
    return view;
  }

  /**
   * The file's tree, or an empty one when the file is not YAML now (edited by hand): the web UI
   * logs in with {@code GET /config}, and must still get in to fix the file with {@code PUT
   * /config.yaml}; the running config, which the broken edit did not replace, fills the scalars.
   */
  private ObjectNode readableTree() {
    try {
      return edits.tree();
    } catch (ManagementError unreadable) {
      return ManagementJson.MAPPER.createObjectNode();
    }
  }

  private ManagementReply yaml() throws IOException {
    Optional<byte[]> content = edits.file().content();
    if (content.isEmpty()) {
      throw new ManagementError(404, "not_found", "config file not found");
    }
    return new ManagementReply.Raw(
        200, "application/yaml; charset=utf-8", content.get(), YAML_HEADERS);
  }

  private ManagementReply replace(ManagementCall call) {
    byte[] body = call.body();
    if (body.length == 0) {
      throw new ManagementError(
          400, "invalid_yaml", "the body is empty; send the whole config.yaml");
    }
    ConfigDocument document;
    try {
      document = ConfigDocument.read(body);
    } catch (ConfigException e) {
      throw new ManagementError(400, "invalid_yaml", e.getMessage());
    }
    try {
      edits.file().replace(document);
    } catch (ConfigException e) {
      throw ConfigEdits.invalid(e);
    } catch (IOException e) {
      throw new ManagementError(500, "write_failed", "cannot write the config file (" + e + ")");
    }
    ObjectNode answer = ManagementJson.MAPPER.createObjectNode().put("ok", true);
    answer.putArray("changed").add("config");
    return ManagementReply.json(answer);
  }
}
