package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathRulesTest {

  private final PathRules rules = new PathRules(Path.of("/home/ada"), Path.of("/srv/proxy"));

  @Test
  void tildeAloneIsTheHomeDirectory() {
    assertThat(rules.resolve("~")).isEqualTo(Path.of("/home/ada"));
    assertThat(rules.resolve("  ~  ")).isEqualTo(Path.of("/home/ada"));
  }

  @Test
  void tildeSlashIsUnderTheHomeDirectory() {
    assertThat(rules.resolve("~/.cli-proxy-api")).isEqualTo(Path.of("/home/ada/.cli-proxy-api"));
    assertThat(rules.resolve("~//a/./b/../c")).isEqualTo(Path.of("/home/ada/a/c"));
    assertThat(rules.resolve("~\\a\\b")).isEqualTo(Path.of("/home/ada/a/b"));
  }

  @Test
  void relativePathsResolveAgainstTheWorkingDirectoryNotTheConfigFile() {
    assertThat(rules.resolve("auths")).isEqualTo(Path.of("/srv/proxy/auths"));
    assertThat(rules.resolve("../auths")).isEqualTo(Path.of("/srv/auths"));
    assertThat(rules.resolve("~ada/x")).isEqualTo(Path.of("/srv/proxy/~ada/x"));
  }

  @Test
  void absolutePathsStay() {
    assertThat(rules.resolve("/etc/cliproxy/./auths")).isEqualTo(Path.of("/etc/cliproxy/auths"));
  }
}
