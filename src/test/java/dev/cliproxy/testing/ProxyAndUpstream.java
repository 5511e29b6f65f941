package dev.cliproxy.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link FakeOpenAiUpstream} (named {@code up}) and the whole proxy in front of it, for
 * each test: register with {@code @RegisterExtension} and a config whose {@code %s} is the
 * upstream's base URL. Both run before the test's {@code @BeforeEach} methods and are closed, with
 * their temp directory removed, after its {@code @AfterEach} methods.
 */
public final class ProxyAndUpstream implements BeforeEachCallback, AfterEachCallback {
  private final String configTemplate;
  private Path dir;
  private FakeOpenAiUpstream upstream;
  private RunningProxy proxy;

  private ProxyAndUpstream(String configTemplate) {
    this.configTemplate = configTemplate;
  }

  /** The proxy's config body as {@link RunningProxy#start} takes it, {@code %s} the base URL. */
  public static ProxyAndUpstream withConfig(String configTemplate) {
    return new ProxyAndUpstream(configTemplate);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("cliproxy-test");
    upstream = FakeOpenAiUpstream.start("up");
    proxy = RunningProxy.start(dir, configTemplate.formatted(upstream.baseUrl()));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    // Each step runs even when the one before it fails, so no port or file outlives the test.
    try {
      if (proxy != null) {
        proxy.close();
      }
    } finally {
      try {
        if (upstream != null) {
          upstream.close();
        }
      } finally {
        if (dir != null) {
          deleteRecursively(dir);
        }
      }
    }
  }

  public FakeOpenAiUpstream upstream() {
    return upstream;
  }

  public RunningProxy proxy() {
    return proxy;
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
