package dev.cliproxy.amp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Mapping lookups: exact names ignoring case with the later duplicate winning, regexes after them
 * in file order, the target only when the proxy serves it, and a thinking suffix kept.
 */
class ModelMappingsTest {
  private static final Predicate<String> ALL = model -> true;

  private static Predicate<String> serves(String... models) {
    return Set.of(models)::contains;
  }

  @Test
  void anExactMappingIgnoresCaseAndSpacesAndTheLaterOfTwoWins() {
    ModelMappings mappings =
        ModelMappings.of(
            List.of(
                ModelMapping.exact("Claude-Opus-4-1", "first"),
                ModelMapping.exact("gpt-5", "gpt-5-codex"),
                ModelMapping.exact("claude-opus-4-1", "Claude-Sonnet-4-5")));

    assertThat(mappings.target("claude-opus-4-1", ALL)).contains("Claude-Sonnet-4-5");
    assertThat(mappings.target(" CLAUDE-OPUS-4-1 ", ALL)).contains("Claude-Sonnet-4-5");
    assertThat(mappings.target("gpt-5", ALL)).contains("gpt-5-codex");
    assertThat(mappings.target("gpt-5-mini", ALL)).as("exact means the whole name").isEmpty();
    assertThat(mappings.target("", ALL)).isEmpty();
  }

  @Test
  void regexesComeAfterExactNamesInFileOrderIgnoringCase() {
    ModelMappings mappings =
        ModelMappings.of(
            List.of(
                new ModelMapping("^claude-", "regex-one", true),
                new ModelMapping("opus", "regex-two", true),
                ModelMapping.exact("claude-opus-4-1", "exact")));

    assertThat(mappings.target("claude-opus-4-1", ALL)).as("exact first").contains("exact");
    assertThat(mappings.target("CLAUDE-opus-4-5", ALL))
        .as("first regex in order")
        .contains("regex-one");
    assertThat(mappings.target("big-OPUS", ALL))
        .as("found anywhere in the name")
        .contains("regex-two");
    assertThat(mappings.target("gpt-5", ALL)).isEmpty();
  }

  @Test
  void theTargetMustBeServedElseThereIsNoMapping() {
    ModelMappings mappings =
        ModelMappings.of(
            List.of(ModelMapping.exact("a", "not-served"), new ModelMapping(".*", "served", true)));

    assertThat(mappings.target("a", serves("served")))
        .as("the matching entry decides; a later regex is not a second chance")
        .isEmpty();
    assertThat(mappings.target("b", serves("served"))).contains("served");
    assertThat(mappings.target("b", serves())).isEmpty();
  }

  @Test
  void aThinkingSuffixOfTheRequestIsKeptUnlessTheTargetHasOne() {
    ModelMappings mappings =
        ModelMappings.of(
            List.of(
                ModelMapping.exact("claude-opus-4-1", "claude-sonnet-4-5"),
                ModelMapping.exact("g25p", "gemini-2.5-pro"),
                ModelMapping.exact("fast", "gpt-5(low)"),
                ModelMapping.exact("claude-opus-4-1-thinking-high", "whole-name-target")));

    assertThat(mappings.target("claude-opus-4-1-thinking-medium", ALL))
        .as("this proxy's thinking alias suffix")
        .contains("claude-sonnet-4-5-thinking-medium");
    assertThat(mappings.target("claude-opus-4-1-Thinking", ALL))
        .contains("claude-sonnet-4-5-Thinking");
    assertThat(mappings.target("g25p(8192)", ALL))
        .as("CLIProxyAPI's parenthesised suffix")
        .contains("gemini-2.5-pro(8192)");
    assertThat(mappings.target("fast(high)", ALL))
        .as("the target's own suffix wins")
        .contains("gpt-5(low)");
    assertThat(mappings.target("claude-opus-4-1-thinking-high", ALL))
        .as("a mapping for the whole name comes first and gets no suffix")
        .contains("whole-name-target");
    assertThat(mappings.target("claude-opus-4-1-thinking-low", serves("claude-sonnet-4-5")))
        .as("served only without the suffix: the plain target")
        .contains("claude-sonnet-4-5");
    assertThat(mappings.target("claude-opus-4-1-thinking-low", serves())).isEmpty();
  }

  @Test
  void noMappingsMapNothing() {
    assertThat(ModelMappings.NONE.isEmpty()).isTrue();
    assertThat(ModelMappings.of(List.of()).target("anything", ALL)).isEmpty();
    assertThat(ModelMappings.of(List.of(ModelMapping.exact("a", "b"))).isEmpty()).isFalse();
  }

  @Test
  void thinkingSuffixesAreReadInBothSpellingsAndNothingElse() {
    assertThat(ThinkingSuffix.of("claude-opus-4-5-thinking-high"))
        .isEqualTo(new ThinkingSuffix("claude-opus-4-5", "-thinking-high"));
    assertThat(ThinkingSuffix.of("claude-opus-4-5-thinking"))
        .isEqualTo(new ThinkingSuffix("claude-opus-4-5", "-thinking"));
    assertThat(ThinkingSuffix.of("gpt-5(high)")).isEqualTo(new ThinkingSuffix("gpt-5", "(high)"));
    assertThat(ThinkingSuffix.of("gpt-5-high").present()).as("effort aliases are not").isFalse();
    assertThat(ThinkingSuffix.of("(x)").present()).isFalse();
    assertThat(ThinkingSuffix.of("gpt-5()").present()).isFalse();
    assertThat(ThinkingSuffix.of("-thinking").present()).isFalse();
  }
}
