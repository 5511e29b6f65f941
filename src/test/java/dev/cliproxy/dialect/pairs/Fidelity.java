package dev.cliproxy.dialect.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.pairs.ClientStreamRules.Call;
import dev.cliproxy.dialect.pairs.ClientStreamRules.Seen;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What each recorded upstream stream and answer under {@code golden/pairs/upstream/} says, read off
 * the recordings by hand; every client must end up with the same content, and with the upstream's
 * signatures only when it speaks the upstream's dialect.
 */
final class Fidelity {
  private Fidelity() {}

  /** The upstream's content; a null call id means the upstream sent none (Gemini). */
  record Facts(Seen seen, List<String> signatures) {}

  private static Call call(String id, String name, String arguments) {
    return new Call(id, name, Pairs.tree(arguments));
  }

  static Facts stream(Dialect upstream) {
    return switch (upstream) {
      case CLAUDE ->
          new Facts(
              new Seen(
                  "Search, then call.",
                  "Calling.",
                  List.of(
                      call("toolu_01A", "get_weather", "{\"city\":\"Paris\"}"),
                      call("toolu_01B", "get_time", "{\"city\":\"Oslo\"}")),
                  26 + 100 + 900,
                  900,
                  120),
              List.of("EqQBCkgIARABGAIiQL==", "EmwKAhgBEgy3va3p"));
      case GEMINI ->
          new Facts(
              new Seen(
                  "**Planning** I need the weather.",
                  "Checking both.",
                  List.of(
                      call(null, "get_weather", "{\"city\":\"Paris\"}"),
                      call(null, "get_weather", "{\"city\":\"Rome\"}")),
                  50,
                  30,
                  20 + 10),
              List.of("U0lHMQ==", "U0lHMg==", "U0lHMw=="));
      case OPENAI_CHAT ->
          new Facts(
              new Seen(
                  "Two cities.",
                  "Checking.",
                  List.of(
                      call("call_A", "get_weather", "{\"city\":\"Paris\"}"),
                      call("call_B", "get_time", "{\"city\":\"Rome\"}")),
                  100,
                  64,
                  30),
              List.of());
      case OPENAI_RESPONSES ->
          new Facts(
              new Seen(
                  "Plan.",
                  "Hi there",
                  List.of(call("call_1", "f", "{\"a\":1}"), call("call_2", "g", "{\"b\":\"x\"}")),
                  15,
                  5,
                  7),
              List.of("enc1"));
    };
  }

  static Facts answer(Dialect upstream) {
    return switch (upstream) {
      case CLAUDE ->
          new Facts(
              new Seen(
                  "I need the weather in two cities.",
                  "Checking both.",
                  List.of(
                      call("toolu_01A", "get_weather", "{\"city\":\"Paris\"}"),
                      call("toolu_01B", "get_weather", "{\"city\":\"Oslo\"}")),
                  30 + 200 + 1000,
                  1000,
                  80),
              List.of("EuYBCkQYAiJAbWs0q2U=", "EmwKAhgBEgy3va3pzix"));
      case GEMINI ->
          new Facts(
              new Seen(
                  "Thinking about it",
                  "Calling tools.",
                  List.of(
                      call(null, "get_weather", "{\"city\":\"Paris\"}"),
                      call(null, "get_weather", "{\"city\":\"Rome\"}")),
                  100,
                  40,
                  20 + 30),
              List.of("sigA", "sigB"));
      case OPENAI_CHAT ->
          new Facts(
              new Seen(
                  "Need both.",
                  "Checking both.",
                  List.of(
                      call("call_A", "get_weather", "{\"city\":\"Paris\"}"),
                      call("call_B", "get_time", "{\"city\":\"Rome\"}")),
                  100,
                  64,
                  30),
              List.of());
      case OPENAI_RESPONSES ->
          new Facts(
              new Seen(
                  "t",
                  "ab",
                  List.of(call("call_1", "f", "{}"), call("call_2", "g", "{\"b\":\"x\"}")),
                  15,
                  5,
                  7),
              List.of("e"));
    };
  }

  /** The client saw the upstream's content, and its signatures only if same dialect. */
  static void check(Dialect upstream, Dialect client, Facts expected, Seen seen, byte[] wire) {
    Seen want = expected.seen();
    assertThat(seen.thinking()).as("thinking").isEqualTo(want.thinking());
    assertThat(seen.text()).as("text").isEqualTo(want.text());
    assertThat(seen.calls()).as("tool calls").hasSameSizeAs(want.calls());
    for (int i = 0; i < want.calls().size(); i++) {
      Call got = seen.calls().get(i);
      Call wanted = want.calls().get(i);
      assertThat(got.name()).as("call name").isEqualTo(wanted.name());
      assertThat(got.arguments()).as("call arguments").isEqualTo(wanted.arguments());
      if (wanted.id() != null) {
        assertThat(got.id()).as("call id").isEqualTo(wanted.id());
      } else {
        assertThat(got.id()).as("made-up call id").isNotEmpty();
      }
    }
    assertThat(seen.calls().stream().map(Call::id).distinct()).hasSameSizeAs(seen.calls());
    assertThat(seen.prompt()).as("prompt tokens").isEqualTo(want.prompt());
    assertThat(seen.cached()).as("cached prompt tokens").isEqualTo(want.cached());
    assertThat(seen.output()).as("output tokens").isEqualTo(want.output());
    String text = new String(wire, StandardCharsets.UTF_8);
    for (String signature : expected.signatures()) {
      assertThat(text.contains("\"" + signature + "\""))
          .as("signature " + signature + " shown to a " + client + " client")
          .isEqualTo(upstream == client);
    }
  }
}
