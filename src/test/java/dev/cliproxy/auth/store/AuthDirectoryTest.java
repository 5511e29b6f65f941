package dev.cliproxy.auth.store;

import static dev.cliproxy.auth.store.CredentialFileTest.CLAUDE;
import static dev.cliproxy.auth.store.CredentialFileTest.CODEX;
import static dev.cliproxy.auth.store.CredentialFileTest.GEMINI;
import static dev.cliproxy.auth.store.CredentialFileTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AuthDirectoryTest {

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger directoryLog = (Logger) LoggerFactory.getLogger(AuthDirectory.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    directoryLog.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    directoryLog.detachAppender(logs);
  }

  private void copySamples() throws IOException {
    for (String name : new String[] {CODEX, CLAUDE, GEMINI}) {
      Files.write(dir.resolve(name), sample(name));
    }
  }

  @Test
  void loadsEveryProvidersSampleUnchanged() throws IOException {
    copySamples();
    AuthSnapshot snapshot = new AuthDirectory(dir).load();
    assertThat(snapshot.problems()).isEmpty();
    assertThat(snapshot.files())
        .extracting(CredentialFile::id)
        .containsExactly(GEMINI, CLAUDE, CODEX);
    assertThat(snapshot.files())
        .extracting(CredentialFile::provider)
        .containsExactly("gemini-cli", "claude", "codex");
    for (CredentialFile file : snapshot.files()) {
      assertThat(file).isEqualTo(CredentialFile.parse(file.id(), sample(file.id())));
    }
    assertThat(snapshot.contentHashes()).containsOnlyKeys(GEMINI, CLAUDE, CODEX);
  }

  @Test
  void skipsAndNamesBrokenFilesWithoutTouchingThem() throws IOException {
    copySamples();
    Files.writeString(dir.resolve("broken.json"), "{\"type\":\"codex\",");
    Files.writeString(dir.resolve("typeless.json"), "{\"email\":\"x@y.z\"}");
    Files.writeString(dir.resolve("empty.json"), "");
    Files.writeString(dir.resolve("array.json"), "[]");
    Files.writeString(dir.resolve("notes.txt"), "not an auth file");
    Files.writeString(dir.resolve(".codex-x.json.123.tmp"), "{");
    Files.createDirectory(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/nested.json"), "{\"type\":\"codex\"}");

    AuthSnapshot snapshot = new AuthDirectory(dir).load();

    assertThat(snapshot.files())
        .extracting(CredentialFile::id)
        .containsExactly(GEMINI, CLAUDE, CODEX);
    assertThat(snapshot.problems())
        .extracting(AuthFileProblem::fileName)
        .containsExactly("array.json", "broken.json", "empty.json", "typeless.json");
    assertThat(snapshot.problems().get(3).problem()).contains("\"type\"");
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("broken.json", "not valid JSON"))
        .anySatisfy(line -> assertThat(line).contains("typeless.json"));
    assertThat(Files.readString(dir.resolve("broken.json"))).isEqualTo("{\"type\":\"codex\",");
  }

  @Test
  void aMissingDirectoryIsEmpty() throws IOException {
    assertThat(new AuthDirectory(dir.resolve("nope")).load()).isEqualTo(AuthSnapshot.EMPTY);
  }

  @Test
  void saveWritesOwnerOnlyAndLoadReadsItBack() throws IOException {
    Path auth = dir.resolve("auth");
    AuthDirectory directory = new AuthDirectory(auth);
    CredentialFile file =
        CredentialFile.parse(CODEX, sample(CODEX)).with("refresh_token", "rt_rotated_123456789");
    directory.save(file);
    assertThat(directory.load().files()).containsExactly(file);
    if (auth.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auth)))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auth.resolve(CODEX))))
          .isEqualTo("rw-------");
    }
    directory.delete(CODEX);
    directory.delete(CODEX);
    assertThat(directory.load().files()).isEmpty();
  }

  @Test
  void refusesNamesOutsideTheDirectory() {
    AuthDirectory directory = new AuthDirectory(dir);
    for (String name : new String[] {"../x.json", "sub/x.json", ".x.json", "x.txt", ".json"}) {
      assertThatThrownBy(() -> directory.delete(name))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void createMakesAnOwnerOnlyDirectory() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    AuthDirectory directory = new AuthDirectory(dir.resolve(".cli-proxy-api"));
    directory.create();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.path())))
        .isEqualTo("rwx------");
  }
}
