package dev.cliproxy.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserOpenerTest {
  private static final URI URL = URI.create("https://auth.example/authorize?a=1&b=2");

  @Test
  void usesTheDesktopWhenItWorks() {
    List<List<String>> launched = new ArrayList<>();
    BrowserOpener opener =
        new BrowserOpener("Linux", Map.of("DISPLAY", ":0"), uri -> true, c -> launched.add(c));

    assertThat(opener.open(URL)).isTrue();
    assertThat(launched).isEmpty();
  }

  @Test
  void fallsBackToXdgOpenThenXWwwBrowserOnLinux() {
    List<List<String>> launched = new ArrayList<>();
    BrowserOpener opener =
        new BrowserOpener(
            "Linux",
            Map.of("WAYLAND_DISPLAY", "wayland-0"),
            uri -> {
              throw new IOException("no desktop");
            },
            c -> {
              launched.add(c);
              if (c.get(0).equals("xdg-open")) {
                throw new IOException("not installed");
              }
              return true;
            });

    assertThat(opener.open(URL)).isTrue();
    assertThat(launched)
        .containsExactly(
            List.of("xdg-open", URL.toString()), List.of("x-www-browser", URL.toString()));
  }

  @Test
  void platformCommands() {
    BrowserOpener.DesktopBrowser none = uri -> false;
    assertThat(new BrowserOpener("Mac OS X", Map.of(), none, c -> true).commandsFor(URL))
        .containsExactly(List.of("open", URL.toString()));
    assertThat(new BrowserOpener("Windows 11", Map.of(), none, c -> true).commandsFor(URL))
        .containsExactly(List.of("rundll32", "url.dll,FileProtocolHandler", URL.toString()));
  }

  @Test
  void returnsFalseOnAHeadlessLinuxHostWithoutTryingCommands() {
    List<List<String>> launched = new ArrayList<>();
    BrowserOpener opener = new BrowserOpener("Linux", Map.of(), uri -> false, c -> launched.add(c));

    assertThat(opener.open(URL)).isFalse();
    assertThat(launched).isEmpty();
  }

  @Test
  void returnsFalseWhenEverythingFailsOrTheSchemeIsNotHttp() {
    BrowserOpener failing =
        new BrowserOpener("Linux", Map.of("DISPLAY", ":0"), uri -> false, c -> false);
    assertThat(failing.open(URL)).isFalse();

    BrowserOpener willing =
        new BrowserOpener("Linux", Map.of("DISPLAY", ":0"), uri -> true, c -> true);
    assertThat(willing.open(URI.create("file:///etc/passwd"))).isFalse();
    assertThat(willing.open(URI.create("javascript:alert(1)"))).isFalse();
  }
}
