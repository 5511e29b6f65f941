package dev.cliproxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edits keep what the user wrote: comments, key order, quoting, and every line not edited. */
class ConfigDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String FILE =
      """
      # CLIProxy config
      port: 8317 # the port

      # Management API settings
      remote-management:
        # Whether to allow remote access.
        allow-remote: false
        secret-key: "change-me" # replaced by its hash

      # Client keys
      api-keys:
        - "key-one"   # laptop
        - "key-two"

      debug: false
      proxy-url: ''
      request-retry: 3

      codex-api-key:
        # the work account
        - api-key: "sk-work"
          base-url: "https://codex.example/v1"
        - api-key: "sk-home"
          base-url: "https://codex.example/v1"
          headers:
            X-Team: home

      # trailing note
      """;

  @Test
  void anUneditedDocumentRendersAsWritten() {
    assertThat(ConfigDocument.parse(FILE).text()).isEqualTo(FILE);
  }

  @Test
  void aChangedScalarChangesOnlyItsOwnText() {
    ConfigDocument edited =
        ConfigDocument.parse(FILE)
            .with(List.of("remote-management", "secret-key"), TextNode.valueOf("$2a$10$abc"))
            .with(List.of("debug"), BooleanNode.TRUE)
            .with(List.of("request-retry"), IntNode.valueOf(5))
            .with(List.of("proxy-url"), TextNode.valueOf("http://127.0.0.1:3128"));

    assertThat(changedLines(FILE, edited.text()))
        .containsExactly(
            "  secret-key: \"$2a$10$abc\" # replaced by its hash",
            "debug: true",
            "proxy-url: 'http://127.0.0.1:3128'",
            "request-retry: 5");
  }

  @Test
  void aBlockScalarIsReplacedWithoutBreakingTheLinesAfterIt() {
    ConfigDocument edited =
        ConfigDocument.parse("note: |\n  two\n  lines\ndebug: false\n")
            .with(List.of("note"), TextNode.valueOf("one"));

    assertThat(edited.value(List.of("note"))).contains(TextNode.valueOf("one"));
    assertThat(edited.text()).endsWith("debug: false\n");
  }

  @Test
  void aScalarThatWouldReadAsAnotherTypeIsQuoted() {
    ConfigDocument edited =
        ConfigDocument.parse("debug: false\nname: plain\n")
            .with(List.of("name"), TextNode.valueOf("true"));

    assertThat(edited.text()).isEqualTo("debug: false\nname: \"true\"\n");
    assertThat(edited.value(List.of("name")).orElseThrow().isTextual()).isTrue();
  }

  @Test
  void aNewKeyIsAddedAtTheEndOfItsMappingWithTheMappingsOnTheWay() {
    ConfigDocument edited =
        ConfigDocument.parse("port: 8317 # the port\n")
            .with(List.of("remote-management", "secret-key"), TextNode.valueOf("s3cret"));

    assertThat(edited.text())
        .isEqualTo("port: 8317 # the port\nremote-management:\n  secret-key: s3cret\n");
  }

  @Test
  void anEmptyDocumentTakesItsFirstKey() {
    assertThat(ConfigDocument.parse("").with(List.of("debug"), BooleanNode.TRUE).text())
        .isEqualTo("debug: true\n");
    assertThat(
            ConfigDocument.parse("remote-management:\n")
                .with(List.of("remote-management", "allow-remote"), BooleanNode.TRUE)
                .text())
        .isEqualTo("remote-management:\n  allow-remote: true\n");
  }

  @Test
  void aReplacedListKeepsTheCommentsOfTheItemsThatStay() throws Exception {
    JsonNode keys = JSON.readTree("[\"key-one\", \"key-three\"]");

    String edited = ConfigDocument.parse(FILE).with(List.of("api-keys"), keys).text();

    // The re-rendered file keeps comments; the space before an inline one is tidied.
    assertThat(changedLines(FILE, edited))
        .containsExactly("  - \"key-one\" # laptop", "  - \"key-three\"");
    assertThat(edited).contains("  - \"key-one\" # laptop\n  - \"key-three\"\n");
    assertThat(edited).contains("# Client keys\napi-keys:\n");
    assertThat(edited).endsWith("# trailing note\n");
  }

  @Test
  void aListOfMappingsEditedInOneItemKeepsTheOthers() throws Exception {
    JsonNode codex =
        JSON.readTree(
            """
            [{"api-key":"sk-work","base-url":"https://codex.example/v1"},
             {"api-key":"sk-home","base-url":"https://codex.example/v1",
              "headers":{"X-Team":"home"},"proxy-url":"socks5://127.0.0.1:1080"}]
            """);

    String edited = ConfigDocument.parse(FILE).with(List.of("codex-api-key"), codex).text();

    assertThat(changedLines(FILE, edited))
        .containsExactly("  - \"key-one\" # laptop", "    proxy-url: socks5://127.0.0.1:1080");
    assertThat(edited).contains("  # the work account\n  - api-key: \"sk-work\"\n");
  }

  @Test
  void removingAKeyLeavesTheRest() {
    String edited = ConfigDocument.parse(FILE).without(List.of("proxy-url")).text();

    assertThat(removedLines(FILE, edited))
        .containsExactly("  - \"key-one\"   # laptop", "proxy-url: ''");
    assertThat(changedLines(FILE, edited)).containsExactly("  - \"key-one\" # laptop");
    assertThat(ConfigDocument.parse(FILE).without(List.of("nothing", "here")).text())
        .isEqualTo(FILE);
  }

  @Test
  void flushListsStayFlush() throws Exception {
    String file = "api-keys:\n- a\n- b\nport: 1\n";

    String edited =
        ConfigDocument.parse(file).with(List.of("api-keys"), JSON.readTree("[\"a\",\"c\"]")).text();

    assertThat(edited).isEqualTo("api-keys:\n- a\n- c\nport: 1\n");
  }

  @Test
  void valuesAreReadAsTheLoaderReadsThem() {
    ConfigDocument document = ConfigDocument.parse(FILE);

    assertThat(document.value(List.of("remote-management", "secret-key")))
        .contains(TextNode.valueOf("change-me"));
    assertThat(document.value(List.of("port"))).map(JsonNode::asInt).contains(8317);
    assertThat(document.value(List.of("remote-management", "nope"))).isEmpty();
    assertThat(document.tree().get("api-keys")).hasSize(2);
  }

  @Test
  void aSyntaxErrorNamesItsLine() {
    assertThatThrownBy(() -> ConfigDocument.parse("port: 1\n  bad: [\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line ");
  }

  @Test
  void aKeyThatIsNotAMappingCannotTakeAChild() {
    ConfigDocument document = ConfigDocument.parse("remote-management: yes\n");

    assertThatThrownBy(
            () -> document.with(List.of("remote-management", "secret-key"), TextNode.valueOf("x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("remote-management")
        .hasMessageContaining("not a mapping");
  }

  /** Lines of {@code after} that {@code before} does not have, in order. */
  private static List<String> changedLines(String before, String after) {
    List<String> remaining = new ArrayList<>(before.lines().toList());
    List<String> changed = new ArrayList<>();
    for (String line : after.lines().toList()) {
      if (!remaining.remove(line)) {
        changed.add(line);
      }
    }
    return changed;
  }

  private static List<String> removedLines(String before, String after) {
    return changedLines(after, before);
  }
}
