package dev.cliproxy.dialect.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (client, upstream) pair: a recorded upstream stream in, the exact client stream out; a
 * recorded upstream answer in, the exact client answer out. The goldens under {@code golden/pairs/}
 * were reviewed by hand against each client's wire rules; every output must also pass {@link
 * ClientStreamRules} / {@link ClientAnswerRules} and carry the upstream's content ({@link
 * Fidelity}), so a careless regeneration cannot hide a broken stream.
 */
class PairGoldenTest {

  static Stream<Arguments> pairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (Dialect upstream : Dialect.values()) {
      for (Dialect client : Dialect.values()) {
        pairs.add(Arguments.of(upstream, client));
      }
    }
    return pairs.stream();
  }

  private static String name(Dialect upstream, Dialect client, String ext) {
    return Pairs.slug(upstream) + "-to-" + Pairs.slug(client) + ext;
  }

  @ParameterizedTest(name = "{0} stream to {1} client")
  @MethodSource("pairs")
  void streamMatchesGolden(Dialect upstream, Dialect client) {
    byte[] actual = Pairs.translateStream(upstream, client);
    Fidelity.check(
        upstream,
        client,
        Fidelity.stream(upstream),
        ClientStreamRules.check(client, actual),
        actual);
    byte[] golden = Pairs.golden(name(upstream, client, ".sse"), actual);
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    assertThat(actual).isEqualTo(golden);
  }

  @ParameterizedTest(name = "{0} answer to {1} client")
  @MethodSource("pairs")
  void answerMatchesGolden(Dialect upstream, Dialect client) {
    byte[] actual = Pairs.translateResponse(upstream, client);
    Fidelity.check(
        upstream,
        client,
        Fidelity.answer(upstream),
        ClientAnswerRules.check(client, actual),
        actual);
    byte[] golden = Pairs.golden(name(upstream, client, ".json"), actual);
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    assertThat(actual).isEqualTo(golden);
  }
}
