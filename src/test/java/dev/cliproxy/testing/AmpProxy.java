package dev.cliproxy.testing;

import dev.cliproxy.amp.AmpSecret;
import dev.cliproxy.cli.ProxyWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The whole proxy between Amp and two fakes: a {@link FakeOpenAiUpstream} (named {@code up}) for
 * the models the user's own accounts serve, and a {@link FakeAmpcode} for everything Amp's own
 * servers answer. The config is a template whose {@code {up}} and {@code {amp}} are the fakes'
 * URLs. The Amp secret is read from a home folder and an environment of the test's own, never the
 * machine's.
 */
public final class AmpProxy implements AutoCloseable {
  private final Path dir;
  private final FakeOpenAiUpstream up;
  private final FakeAmpcode amp;
  private final Map<String, String> environment = new ConcurrentHashMap<>();
  private final RunningProxy proxy;

  private AmpProxy(String template) throws Exception {
    dir = Files.createTempDirectory("cliproxy-amp");
    Files.createDirectories(home());
    up = FakeOpenAiUpstream.start("up");
    amp = FakeAmpcode.start();
    AmpSecret secret = new AmpSecret(home(), environment::get, Clock.systemUTC());
    proxy = RunningProxy.start(dir, yaml(template), ProxyWiring.standard().withAmpSecret(secret));
  }

  /** Starts the proxy with this config template. */
  public static AmpProxy start(String template) throws Exception {
    return new AmpProxy(template);
  }

  private String yaml(String template) {
    return template.replace("{up}", up.baseUrl()).replace("{amp}", amp.url());
  }

  /** Replaces the config with this template, as an editor saves it. */
  public void rewriteConfig(String template) throws IOException {
    proxy.rewriteConfig(yaml(template));
  }

  /** The home folder the Amp secret file is read from. */
  public Path home() {
    return dir.resolve("home");
  }

  /** The environment {@code AMP_API_KEY} is read from. */
  public Map<String, String> environment() {
    return environment;
  }

  public RunningProxy proxy() {
    return proxy;
  }

  public FakeOpenAiUpstream up() {
    return up;
  }

  public FakeAmpcode amp() {
    return amp;
  }

  @Override
  public void close() throws Exception {
    try (FakeOpenAiUpstream u = up;
        FakeAmpcode a = amp;
        RunningProxy p = proxy) {
      // closed in reverse order: the proxy first
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
