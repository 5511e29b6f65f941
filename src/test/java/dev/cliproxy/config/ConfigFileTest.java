package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.auth.store.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes go through validation, an atomic replace and the running proxy (here a queue of applied
 * configs), and the watcher does not reload them again. "No second reload" is shown by a later,
 * outside change arriving as the next applied config, never by sleeping.
 */
class ConfigFileTest {

  private static final Duration AWAIT = Duration.ofSeconds(5);
  private static final List<String> SECRET = List.of("remote-management", "secret-key");

  /** A stand-in for the management key's hash: a plaintext key gets a prefix, once. */
  private static final UnaryOperator<ConfigDocument> SEAL =
      document ->
          document
              .value(SECRET)
              .map(com.fasterxml.jackson.databind.JsonNode::asText)
              .filter(key -> !key.isEmpty() && !key.startsWith("sealed:"))
              .map(key -> document.with(SECRET, TextNode.valueOf("sealed:" + key)))
              .orElse(document);

  @TempDir Path dir;

  private final BlockingQueue<LoadedConfig> applied = new LinkedBlockingQueue<>();
  private final ConfigLoader loader = new ConfigLoader(ConfigSchema.EMPTY);
  private Path path;
  private ConfigFile file;
  private ConfigWatcher watcher;

  @BeforeEach
  void setUp() throws IOException {
    path = dir.resolve("config.yaml");
    Files.writeString(path, "# my proxy\nport: 1000 # fixed\ndebug: false\n");
    file =
        new ConfigFile(
            path,
            loader,
            PathRules.withWorkingDir(dir),
            new AtomicFileWriter()::replaceKeepingMode,
            SEAL,
            applied::add);
  }

  @AfterEach
  void tearDown() {
    if (watcher != null) {
      watcher.close();
    }
  }

  @Test
  void anEditIsWrittenAndAppliedBeforeItReturns() throws Exception {
    LoadedConfig running = file.edit(document -> document.with(List.of("debug"), BooleanNode.TRUE));

    assertThat(running.config().debug()).isTrue();
    assertThat(applied).containsExactly(running);
    assertThat(Files.readString(path)).isEqualTo("# my proxy\nport: 1000 # fixed\ndebug: true\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.yaml");
    }
  }

  @Test
  void anInvalidEditLeavesTheFileAsItWasAndTheProxyUntouched() throws Exception {
    byte[] before = Files.readAllBytes(path);
    FileTime modified = Files.getLastModifiedTime(path);

    assertThatThrownBy(
            () -> file.edit(document -> document.with(List.of("port"), TextNode.valueOf("high"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.yaml")
        .hasMessageContaining("port: must be an integer");

    assertThat(Files.readAllBytes(path)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(path)).isEqualTo(modified);
    assertThat(applied).isEmpty();
  }

  @Test
  void aReplacedFileIsValidatedFirst() throws Exception {
    byte[] before = Files.readAllBytes(path);

    assertThatThrownBy(() -> file.replace(ConfigDocument.parse("request-retry: -1\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("request-retry");
    assertThat(Files.readAllBytes(path)).isEqualTo(before);

    file.replace(ConfigDocument.parse("port: 2000\n"));
    assertThat(Files.readString(path)).isEqualTo("port: 2000\n");
    assertThat(applied.poll().config().port()).isEqualTo(2000);
  }

  @Test
  void aBrokenFileCannotBeEditedButCanBeReplaced() throws Exception {
    Files.writeString(path, "port: [1000\n");

    assertThatThrownBy(() -> file.edit(d -> d.with(List.of("debug"), BooleanNode.TRUE)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.yaml")
        .hasMessageContaining("line");
    file.replace(ConfigDocument.parse("port: 1001\n"));

    assertThat(Files.readString(path)).isEqualTo("port: 1001\n");
    assertThat(applied.poll().config().port()).isEqualTo(1001);
  }

  @Test
  void theFileKeepsItsMode() throws Exception {
    assumeTrue(path.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

    file.edit(document -> document.with(List.of("debug"), BooleanNode.TRUE));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void aMissingFileIsCreatedOwnerOnly() throws Exception {
    assumeTrue(path.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.delete(path);

    file.edit(document -> document.with(List.of("debug"), BooleanNode.TRUE));

    assertThat(Files.readString(path)).isEqualTo("debug: true\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
  }

  @Test
  void everyWriteIsRewrittenAsOnLoad() throws Exception {
    file.edit(document -> document.with(SECRET, TextNode.valueOf("plain")));

    assertThat(Files.readString(path)).contains("  secret-key: sealed:plain\n");
  }

  @Test
  void sealRewritesThePlaintextAtStartAndKeepsEverythingElse() throws Exception {
    Files.writeString(path, "# my proxy\nremote-management:\n  secret-key: \"plain\" # key\n");

    Optional<LoadedConfig> sealed = file.seal();

    assertThat(sealed).isPresent();
    assertThat(Files.readString(path))
        .isEqualTo("# my proxy\nremote-management:\n  secret-key: \"sealed:plain\" # key\n");
    assertThat(file.seal()).isEmpty();
    assertThat(applied).isEmpty(); // at start nothing runs yet; the caller uses the result
  }

  @Test
  void sealLeavesAFileItCannotWriteAsItIs() throws Exception {
    Files.writeString(path, "remote-management:\n  secret-key: plain\n");
    ConfigFile readOnly =
        new ConfigFile(
            path,
            loader,
            PathRules.withWorkingDir(dir),
            (target, content) -> {
              throw new java.nio.file.AccessDeniedException(target.toString());
            },
            SEAL,
            applied::add);

    assertThat(readOnly.seal()).isEmpty();
    assertThat(Files.readString(path)).isEqualTo("remote-management:\n  secret-key: plain\n");
    assertThatThrownBy(() -> readOnly.edit(d -> d.with(List.of("debug"), BooleanNode.TRUE)))
        .isInstanceOf(java.nio.file.AccessDeniedException.class);
    assertThat(applied).isEmpty();
  }

  @Test
  void theWatcherDoesNotReloadAWriteOfOurOwn() throws Exception {
    watcher = file.watch(Duration.ofMillis(50));

    file.edit(document -> document.with(List.of("debug"), BooleanNode.TRUE));
    assertThat(applied.poll().config().debug()).isTrue();
    writeFromOutside("port: 3000\n");

    LoadedConfig next = applied.poll(AWAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(next).isNotNull();
    assertThat(next.config().port()).isEqualTo(3000); // the outside change, not our write again
    assertThat(applied).isEmpty();
  }

  @Test
  void anOutsidePlaintextIsSealedOnReloadAndAppliedOnce() throws Exception {
    watcher = file.watch(Duration.ofMillis(50));

    writeFromOutside("remote-management:\n  secret-key: typed\n");
    LoadedConfig first = applied.poll(AWAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    assertThat(Files.readString(path))
        .isEqualTo("remote-management:\n  secret-key: sealed:typed\n");
    writeFromOutside("remote-management:\n  secret-key: sealed:typed\nport: 4000\n");

    LoadedConfig second = applied.poll(AWAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(second).isNotNull();
    assertThat(second.config().port()).isEqualTo(4000); // the write-back was not reloaded
    assertThat(applied).isEmpty();
  }

  private void writeFromOutside(String content) throws IOException {
    Path temp = dir.resolve("outside.tmp");
    Files.write(temp, content.getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(temp, FileTime.from(Instant.now()));
    Files.move(
        temp,
        path,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
