package dev.cliproxy.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static byte[] json(int n) {
    // Big enough that a torn write would be visible to a reader.
    return ("{\"type\":\"codex\",\"n\":" + n + ",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("auth"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }

  @Test
  void writesOwnerOnlyFileInAnOwnerOnlyNewDirectory() throws IOException {
    assumeTrue(posix(dir), "POSIX permissions");
    Path target = dir.resolve("auth/nested/a.json");
    new AtomicFileWriter().write(target, json(1));
    assertThat(Files.readAllBytes(target)).isEqualTo(json(1));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.getParent())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("auth"))))
        .isEqualTo("rwx------");
  }

  @Test
  void replacingKeepingModeKeepsTheTargetsPermissionsAndMakesANewFileOwnerOnly()
      throws IOException {
    assumeTrue(posix(dir), "POSIX permissions");
    Path target = dir.resolve("config.yaml");
    Files.writeString(target, "port: 1\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));

    new AtomicFileWriter().replaceKeepingMode(target, "port: 2\n".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(target)).isEqualTo("port: 2\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r-----");
    Path fresh = dir.resolve("new.yaml");
    new AtomicFileWriter().replaceKeepingMode(fresh, "port: 3\n".getBytes(StandardCharsets.UTF_8));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
        .isEqualTo("rw-------");
  }

  @Test
  void replacingAWorldReadableFileMakesItOwnerOnly() throws IOException {
    assumeTrue(posix(dir), "POSIX permissions");
    Path target = dir.resolve("auth/a.json");
    Files.createDirectories(target.getParent());
    Files.write(target, json(0));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    new AtomicFileWriter().write(target, json(1));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
  }

  @Test
  void theTemporaryFileIsOwnerOnlyBeforeTheSecretIsWritten() throws IOException {
    assumeTrue(posix(dir), "POSIX permissions");
    List<String> seen = new ArrayList<>();
    AtomicFileWriter writer =
        new AtomicFileWriter(temporary -> {
          seen.add(temporary.getFileName().toString());
          seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(temporary)));
        });
    writer.write(dir.resolve("auth/a.json"), json(1));
    assertThat(seen.get(0)).startsWith(".a.json.").endsWith(".tmp");
    assertThat(seen.get(1)).isEqualTo("rw-------");
  }

  @Test
  void aFailureBeforeTheRenameLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("auth/a.json");
    new AtomicFileWriter().write(target, json(1));
    AtomicFileWriter failing =
        new AtomicFileWriter(temporary -> {
          assertThat(Files.readAllBytes(temporary)).isEqualTo(json(2));
          throw new IOException("disk pulled out");
        });
    assertThatThrownBy(() -> failing.write(target, json(2))).hasMessage("disk pulled out");
    assertThat(Files.readAllBytes(target)).isEqualTo(json(1));
    assertThat(leftovers()).isEmpty();

    AtomicFileWriter crashing =
        new AtomicFileWriter(temporary -> {
          throw new IllegalStateException("bug");
        });
    assertThatThrownBy(() -> crashing.write(target, json(3))).hasMessage("bug");
    assertThat(Files.readAllBytes(target)).isEqualTo(json(1));
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aReaderAlwaysSeesTheOldOrTheNewCompleteFile() throws Exception {
    Path target = dir.resolve("auth/a.json");
    AtomicFileWriter writer = new AtomicFileWriter();
    writer.write(target, json(0));
    int saves = 200;
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    Thread reader =
        Thread.ofPlatform()
            .start(() -> {
              int last = 0;
              while (!done.get() || reads.get() == 0) {
                try {
                  JsonNode node = JSON.readTree(Files.readAllBytes(target));
                  int n = node.get("n").intValue();
                  if (n < last || n > saves) {
                    failures.add("went from " + last + " to " + n);
                  }
                  last = n;
                  reads.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                  failures.add(e.toString());
                }
              }
            });
    try {
      for (int n = 1; n <= saves; n++) {
        writer.write(target, json(n));
      }
    } finally {
      done.set(true);
      reader.join();
    }
    assertThat(failures).isEmpty();
    assertThat(reads.get()).isPositive();
    assertThat(JSON.readTree(Files.readAllBytes(target)).get("n").intValue()).isEqualTo(saves);
    assertThat(leftovers()).isEmpty();
  }
}
