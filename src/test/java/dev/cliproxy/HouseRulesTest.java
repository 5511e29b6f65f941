package dev.cliproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows of docs/architecture.md, read from the imports of every main source file: which
 * top-level package may use which, that the wire codecs need nothing but Jackson, that Jetty's
 * server side stays in {@code server}, and that provider kinds are named in one registry only.
 */
class HouseRulesTest {
  private static final Path MAIN = Path.of("src/main/java/dev/cliproxy");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([a-zA-Z0-9_.]+)\\s*;", Pattern.MULTILINE);

  /** The project packages each top-level package may import (besides itself). */
  private static final Map<String, Set<String>> MAY_USE =
      Map.ofEntries(
          Map.entry("dialect", Set.of()),
          Map.entry("config", Set.of()),
          Map.entry("auth", Set.of("config")),
          Map.entry("provider", Set.of("auth", "config", "dialect")),
          Map.entry("gateway", Set.of("auth", "config", "dialect", "provider")),
          Map.entry("server", Set.of("auth", "config", "dialect", "gateway", "provider")),
          Map.entry("amp", Set.of("auth", "config", "dialect", "gateway", "provider", "server")),
          Map.entry("logs", Set.of("auth", "config", "dialect", "gateway", "provider")),
          Map.entry("usage", Set.of("auth", "config", "dialect", "gateway")),
          Map.entry("keypolicy", Set.of("auth", "config", "dialect", "gateway", "usage")),
          Map.entry(
              "management",
              Set.of(
                  "auth",
                  "config",
                  "dialect",
                  "gateway",
                  "keypolicy",
                  "logs",
                  "provider",
                  "server",
                  "usage")),
          Map.entry(
              "metrics", Set.of("auth", "config", "dialect", "gateway", "provider", "server")),
          Map.entry(
              "cli",
              Set.of(
                  "amp",
                  "auth",
                  "config",
                  "dialect",
                  "gateway",
                  "keypolicy",
                  "logs",
                  "management",
                  "metrics",
                  "provider",
                  "server",
                  "usage")));

  /**
   * Folders under provider/ that kinds share rather than kinds: reset hints, Google's common parts.
   */
  private static final Set<String> SHARED_PROVIDER_FOLDERS = Set.of("hint", "google");

  record Source(Path file, String pkg, String relative, List<String> imports) {}

  private static List<Source> sources() {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).map(HouseRulesTest::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source read(Path file) {
    try {
      String text = Files.readString(file);
      List<String> imports = new ArrayList<>();
      Matcher m = IMPORT.matcher(text);
      while (m.find()) {
        imports.add(m.group(1));
      }
      String relative = MAIN.relativize(file).toString().replace('\\', '/');
      String pkg = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
      return new Source(file, pkg, relative, imports);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String topLevel(String projectImport) {
    String rest = projectImport.substring("dev.cliproxy.".length());
    return rest.substring(0, rest.indexOf('.'));
  }

  @Test
  void everyTopLevelPackageIsKnownToTheRules() {
    assertThat(sources().stream().map(Source::pkg).distinct())
        .allSatisfy(pkg -> assertThat(MAY_USE).containsKey(pkg));
  }

  @Test
  void arrowsPointInward() {
    List<String> wrong = new ArrayList<>();
    for (Source source : sources()) {
      for (String imported : source.imports()) {
        if (imported.startsWith("dev.cliproxy.")) {
          String target = topLevel(imported);
          if (!target.equals(source.pkg()) && !MAY_USE.get(source.pkg()).contains(target)) {
            wrong.add(source.relative() + " imports " + imported);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theWireCodecsNeedNothingButJackson() {
    assertThat(
            sources().stream()
                .filter(s -> s.pkg().equals("dialect"))
                .flatMap(s -> s.imports().stream().map(i -> s.relative() + " imports " + i))
                .filter(line -> {
                  String imported = line.substring(line.indexOf(" imports ") + 9);
                  return !imported.startsWith("java.")
                      && !imported.startsWith("com.fasterxml.jackson.")
                      && !imported.startsWith("dev.cliproxy.dialect.");
                }))
        .isEmpty();
  }

  @Test
  void jettysServerSideStaysInTheServer() {
    assertThat(
            sources().stream()
                .filter(s -> !s.pkg().equals("server"))
                .filter(s ->
                    s.imports().stream()
                        .anyMatch(i ->
                            i.startsWith("org.eclipse.jetty.server")
                                || i.startsWith("org.eclipse.jetty.websocket")))
                .map(Source::relative))
        .isEmpty();
  }

  @Test
  void theGatewayTalksToUpstreamsThroughOneClientSeam() {
    assertThat(
            sources().stream()
                .filter(s -> s.pkg().equals("gateway"))
                .filter(s -> s.imports().stream().anyMatch(i -> i.startsWith("org.eclipse.jetty")))
                .map(Source::relative))
        .containsExactlyInAnyOrder(
            "gateway/JettyUpstreamClient.java", "gateway/UpstreamClients.java");
  }

  @Test
  void providerKindsAreNamedOnlyInTheirFoldersAndTheRegistry() {
    List<String> kinds = kindFolders();
    assertThat(kinds).contains("claude", "codex", "openaicompat");
    List<String> wrong = new ArrayList<>();
    for (Source source : sources()) {
      for (String imported : source.imports()) {
        for (String kind : kinds) {
          if (!imported.startsWith("dev.cliproxy.provider." + kind + ".")) {
            continue;
          }
          boolean own = source.relative().startsWith("provider/" + kind + "/");
          boolean registry = source.relative().equals("cli/ProviderKinds.java");
          if (!own && !registry) {
            wrong.add(source.relative() + " imports " + imported);
          }
        }
      }
    }
    assertThat(wrong).as("only cli/ProviderKinds names a provider kind").isEmpty();
  }

  @Test
  void sharedProviderFoldersServeOnlyProviders() {
    List<String> wrong = new ArrayList<>();
    for (Source source : sources()) {
      for (String imported : source.imports()) {
        for (String shared : SHARED_PROVIDER_FOLDERS) {
          if (imported.startsWith("dev.cliproxy.provider." + shared + ".")
              && !source.relative().startsWith("provider/")) {
            wrong.add(source.relative() + " imports " + imported);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static List<String> kindFolders() {
    try (Stream<Path> dirs = Files.list(MAIN.resolve("provider"))) {
      return dirs.filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .filter(name -> !SHARED_PROVIDER_FOLDERS.contains(name))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
