package dev.cliproxy.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GPT-5 / GPT-5 Codex models a ChatGPT account reaches, read from {@code models.json} next to
 * this class, with their effort aliases: {@code gpt-5-high} means model {@code gpt-5} with {@code
 * reasoning.effort: "high"}.
 */
public final class CodexModels {
  private static final String RESOURCE = "models.json";

  /**
   * What a name the proxy sends upstream stands for.
   *
   * @param model the backend's model name
   * @param effort the reasoning effort the name implies, if it is an effort alias
   */
  public record Target(String model, Optional<String> effort) {}

  private final List<String> names;
  private final Map<String, Target> aliases;

  private CodexModels(List<String> names, Map<String, Target> aliases) {
    this.names = List.copyOf(names);
    this.aliases = Map.copyOf(aliases);
  }

  /** The built-in list. */
  public static CodexModels builtIn() {
    try (InputStream in = CodexModels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static CodexModels parse(JsonNode root) {
    List<String> names = new ArrayList<>();
    Map<String, Target> aliases = new LinkedHashMap<>();
    for (JsonNode model : root.path("models")) {
      String id = model.path("id").asText();
      names.add(id);
      for (JsonNode effort : model.path("efforts")) {
        String alias = id + "-" + effort.asText();
        names.add(alias);
        aliases.put(alias, new Target(id, Optional.of(effort.asText())));
      }
    }
    return new CodexModels(names, aliases);
  }

  /** Every name clients may ask for: each model, then its effort aliases, in file order. */
  public List<String> names() {
    return names;
  }

  /** What to send for a name: an effort alias resolves, any other name is sent as it is. */
  public Target resolve(String name) {
    return aliases.getOrDefault(name, new Target(name, Optional.empty()));
  }
}
