package dev.cliproxy.cli;

import dev.cliproxy.amp.AmpSettings;
import dev.cliproxy.config.ConfigLoader;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.keypolicy.KeyPolicyCheck;
import dev.cliproxy.logs.RequestLogSettings;
import dev.cliproxy.management.ManagementSettings;
import dev.cliproxy.metrics.MetricsSettings;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.ProviderKind;
import dev.cliproxy.provider.antigravity.AntigravityKind;
import dev.cliproxy.provider.antigravity.AntigravityLoginCommand;
import dev.cliproxy.provider.claude.ClaudeKind;
import dev.cliproxy.provider.claude.ClaudeLoginCommand;
import dev.cliproxy.provider.codex.CodexKind;
import dev.cliproxy.provider.codex.CodexLoginCommand;
import dev.cliproxy.provider.geminicli.GeminiCliKind;
import dev.cliproxy.provider.geminicli.GeminiCliLoginCommand;
import dev.cliproxy.provider.geminikey.GeminiKeyKind;
import dev.cliproxy.provider.openaicompat.OpenAiCompatKind;
import dev.cliproxy.provider.vertex.VertexKind;
import dev.cliproxy.server.responses.ResponsesSocketSettings;
import dev.cliproxy.usage.UsageSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider kinds a proxy is built with, and the one place that names those it ships with: the
 * command line, the config schema (with the Amp module's keys after the kinds') and the wiring all
 * come from this list, in its order.
 */
public final class ProviderKinds {
  private final List<ProviderKind> kinds;
  private final ConfigLoader configLoader;

  private ProviderKinds(List<ProviderKind> kinds) {
    this.kinds = List.copyOf(kinds);
    Map<String, String> owners = new HashMap<>();
    ConfigSchema schema = ConfigSchema.EMPTY;
    for (ProviderKind kind : this.kinds) {
      claim(owners, "the name", kind.name(), kind);
      kind.authFileTypes().forEach(type -> claim(owners, "auth-file type", type, kind));
      kind.logins().forEach(login -> claim(owners, "login flag", login.flag(), kind));
      schema = schema.plus(kind.configSchema());
    }
    // The Amp module's keys after the kinds': it is no provider kind, but the shipped loader reads
    // its settings like theirs.
    this.configLoader =
        new ConfigLoader(
            schema
                .plus(AmpSettings.SCHEMA)
                .plus(ManagementSettings.SCHEMA)
                .plus(MetricsSettings.SCHEMA)
                .plus(RequestLogSettings.SCHEMA)
                .plus(UsageSettings.SCHEMA)
                .plus(ResponsesSocketSettings.SCHEMA)
                .plus(KeyPolicyCheck.SCHEMA));
  }

  /**
   * What the proxy ships with, in provider order: Gemini CLI first (its {@code --login} leads the
   * help), then OpenAI-compatible upstreams, Codex, Claude, Gemini API keys and Vertex.
   */
  public static ProviderKinds shipped() {
    return of(
        List.of(
            new GeminiCliKind(),
            new AntigravityKind(),
            new OpenAiCompatKind(),
            new CodexKind(),
            new ClaudeKind(),
            new GeminiKeyKind(),
            new VertexKind()));
  }

  /**
   * These kinds, in this order.
   *
   * @throws IllegalArgumentException when two share a name, an auth-file type, a login flag or a
   *     config key
   */
  public static ProviderKinds of(List<ProviderKind> kinds) {
    return new ProviderKinds(kinds);
  }

  /** These kinds and one more after them. */
  public ProviderKinds plus(ProviderKind kind) {
    List<ProviderKind> more = new ArrayList<>(kinds);
    more.add(kind);
    return of(more);
  }

  /** The kinds in provider order. */
  public List<ProviderKind> all() {
    return kinds;
  }

  /** The kind whose accounts have auth-file type {@code type}. */
  public Optional<ProviderKind> forAuthFileType(String type) {
    return kinds.stream().filter(k -> k.authFileTypes().contains(type)).findFirst();
  }

  /** Reads {@code config.yaml} with the core keys and every kind's sections and endpoints. */
  public ConfigLoader configLoader() {
    return configLoader;
  }

  /**
   * The logins the management API runs from the web UI, by CLIProxyAPI's provider word ({@code
   * codex}, {@code anthropic}, {@code gemini-cli}, {@code antigravity}); only those of kinds in
   * this list.
   */
  public Map<String, LoginFlag> webLogins() {
    Map<String, String> flagByWord =
        Map.of(
            "codex", CodexLoginCommand.FLAG,
            "anthropic", ClaudeLoginCommand.FLAG,
            "gemini-cli", GeminiCliLoginCommand.FLAG,
            "antigravity", AntigravityLoginCommand.FLAG);
    Map<String, LoginFlag> logins = new java.util.TreeMap<>();
    flagByWord.forEach((word, flag) ->
        logins().stream()
            .filter(login -> login.flag().equals(flag))
            .findFirst()
            .ifPresent(login -> logins.put(word, login)));
    return logins;
  }

  /** The Vertex service-account import, for the management API's {@code /vertex/import}. */
  public Optional<LoginFlag> vertexImport() {
    return logins().stream().filter(l -> l.flag().equals(VertexKind.IMPORT_FLAG)).findFirst();
  }

  /** Every kind's login flags, in kind order. */
  public List<LoginFlag> logins() {
    return kinds.stream().flatMap(k -> k.logins().stream()).toList();
  }

  /** The main login of each kind that has one, for hints such as "log in with …". */
  List<LoginFlag> mainLogins() {
    return kinds.stream().flatMap(k -> k.logins().stream().limit(1)).toList();
  }

  private static void claim(
      Map<String, String> owners, String what, String value, ProviderKind kind) {
    String previous = owners.putIfAbsent(what + " " + value, kind.name());
    if (previous != null) {
      throw new IllegalArgumentException(
          "provider kinds " + previous + " and " + kind.name() + " both use " + what + " " + value);
    }
  }
}
