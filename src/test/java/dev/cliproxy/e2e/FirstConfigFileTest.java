package dev.cliproxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.cli.ProxyApplication;
import dev.cliproxy.cli.ProxyWiring;
import dev.cliproxy.config.LoadedConfig;
import dev.cliproxy.testing.RunningProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy started without a config file (on its defaults, managed with {@code MANAGEMENT_PASSWORD})
 * gets its first file from {@code PUT /config.yaml}: owner-only, in force at once, and watched from
 * then on.
 */
class FirstConfigFileTest {
  @TempDir Path dir;
  private ProxyApplication app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theFirstFileIsWrittenOwnerOnlyAppliedAndThenWatched() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String base = "host: 127.0.0.1\nport: " + port + "\nauth-dir: " + dir.resolve("auth") + "\n";
    ProxyWiring wiring = ProxyWiring.standard().withManagementPassword(Optional.of("env-pass"));
    Path file = dir.resolve("config.yaml");
    LoadedConfig defaults = wiring.configLoader().parse(base, dir);
    app = ProxyApplication.start(file, defaults, dir.resolve("logs"), wiring);

    HttpResponse<String> put =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v0/management/config.yaml"))
                    .header("Authorization", "Bearer env-pass")
                    .PUT(HttpRequest.BodyPublishers.ofString(base + "request-retry: 2\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(Files.readString(file)).isEqualTo(base + "request-retry: 2\n");
    assertThat(app.gateway().snapshot().config().requestRetry()).isEqualTo(2);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    Path temp = dir.resolve("edit.tmp");
    Files.writeString(temp, base + "request-retry: 4\n");
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertThat(
            RunningProxy.eventually(
                Duration.ofSeconds(10),
                () -> app.gateway().snapshot().config().requestRetry() == 4))
        .isTrue();
  }
}
