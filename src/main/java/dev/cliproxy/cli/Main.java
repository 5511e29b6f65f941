package dev.cliproxy.cli;

import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Command line entry point: serves the proxy, runs the login a provider kind's flag asks for, or
 * explains what a flag does. The login flags come from the {@link ProviderKinds}.
 */
@Command(
    name = "cli-proxy-api",
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Serves OpenAI-, Claude- and Gemini-compatible APIs on one port, backed by your"
          + " subscriptions and API keys.",
      "Without --config, ./config.yaml is used if it exists, else built-in defaults."
    })
public final class Main implements Callable<Integer> {
  // Help order: --config, the kinds' logins, then the options that modify a login.
  private static final int KIND_LOGINS_ORDER = 100;
  private static final int LOGIN_OPTIONS_ORDER = 10_000;

  private final ProviderKinds kinds;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      order = 1,
      paramLabel = "PATH",
      description = "Config file (default: config.yaml in the working directory).")
  Path config;

  @Option(
      names = "--no-browser",
      order = LOGIN_OPTIONS_ORDER,
      description = "With a login flag: print the login URL instead of opening a browser.")
  boolean noBrowser;

  // Declared rather than mixed in (mixinStandardHelpOptions) so that they can be ordered last.
  @Option(
      names = {"-h", "--help"},
      order = LOGIN_OPTIONS_ORDER + 1000,
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      order = LOGIN_OPTIONS_ORDER + 1001,
      versionHelp = true,
      description = "Print version information and exit.")
  boolean version;

  private Main(ProviderKinds kinds) {
    this.kinds = kinds;
  }

  public static void main(String[] args) {
    int code = commandLine(ProviderKinds.shipped()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The command line with the core flags and the login flags of {@code kinds}. */
  public static CommandLine commandLine(ProviderKinds kinds) {
    CommandLine line = new CommandLine(new Main(kinds));
    int order = KIND_LOGINS_ORDER;
    for (LoginFlag login : kinds.logins()) {
      OptionSpec.Builder flag =
          OptionSpec.builder(login.flag()).description(login.description()).order(order++);
      login
          .paramLabel()
          .ifPresentOrElse(
              label -> flag.arity("1").type(String.class).paramLabel(label),
              () -> flag.arity("0").type(boolean.class));
      line.getCommandSpec().addOption(flag.build());
    }
    int optionOrder = LOGIN_OPTIONS_ORDER + 1;
    for (LoginOption option : loginOptions(kinds)) {
      line.getCommandSpec()
          .addOption(
              OptionSpec.builder(option.name())
                  .arity("1")
                  .type(String.class)
                  .paramLabel(option.paramLabel())
                  .description(option.description())
                  .order(optionOrder++)
                  .build());
    }
    return line;
  }

  /** Every login option of every kind, once each, in kind order. */
  private static List<LoginOption> loginOptions(ProviderKinds kinds) {
    return kinds.logins().stream().flatMap(l -> l.options().stream()).distinct().toList();
  }

  @Override
  public Integer call() throws Exception {
    CommandLine line = spec.commandLine();
    List<LoginFlag> asked =
        kinds.logins().stream()
            .filter(login -> line.getParseResult().hasMatchedOption(login.flag()))
            .toList();
    List<String> loginFlags = asked.stream().map(LoginFlag::flag).toList();
    if (loginFlags.size() > 1) {
      line.getErr()
          .println(
              "Give one login flag at a time; got "
                  + String.join(" and ", loginFlags)
                  + ". Nothing was changed.");
      return 2;
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (LoginOption option : loginOptions(kinds)) {
      if (line.getParseResult().hasMatchedOption(option.name())) {
        options.put(option.name(), line.getParseResult().matchedOptionValue(option.name(), ""));
        if (asked.size() != 1 || !asked.get(0).accepts(option)) {
          line.getErr()
              .println(
                  option.name()
                      + " only applies together with "
                      + kinds.logins().stream()
                          .filter(l -> l.accepts(option))
                          .map(LoginFlag::flag)
                          .collect(Collectors.joining(" or "))
                      + ". Nothing was changed.");
          return 2;
        }
      }
    }
    if (asked.size() == 1) {
      LoginFlag login = asked.get(0);
      Optional<String> argument =
          login.paramLabel().map(l -> line.getParseResult().matchedOptionValue(login.flag(), ""));
      return new LoginRun(
              kinds.configLoader(),
              line.getOut(),
              line.getErr(),
              new InputStreamReader(System.in, Charset.defaultCharset()))
          .run(login, config, noBrowser, argument, options);
    }
    if (noBrowser) {
      line.getErr()
          .println(
              "--no-browser only applies together with a login flag ("
                  + kinds.logins().stream().map(LoginFlag::flag).collect(Collectors.joining(", "))
                  + ").");
      return 2;
    }
    return ProxyApplication.serve(config, line.getErr(), ProxyWiring.standard().withKinds(kinds));
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cli-proxy-api (CLIProxy for Java) " + current()};
    }

    static String current() {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/cliproxy-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException ignored) {
        // fall through to "unknown"
      }
      return p.getProperty("version", "unknown");
    }
  }
}
