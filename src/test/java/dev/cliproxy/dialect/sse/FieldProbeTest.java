package dev.cliproxy.dialect.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldProbeTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anObjectProbeWantsTheNameAColonAndABrace() {
    FieldProbe usage = FieldProbe.object("usage");

    assertThat(usage.in(b("data: {\"a\":1,\"usage\":{\"x\":1}}"))).isTrue();
    assertThat(usage.in(b("data: {\"usage\" :\n {}}"))).isTrue();
    assertThat(usage.in(b("data: {\"usage\":null}"))).isFalse();
    assertThat(usage.in(b("data: {\"text\":\"\\\"usage\\\":{\"}"))).isFalse();
    assertThat(usage.in(b("data: {\"kind\":\"usage\"}"))).isFalse();
    assertThat(usage.in(b("data: {\"usage\""))).isFalse();
    assertThat(usage.in(b(""))).isFalse();
  }

  @Test
  void aFieldProbeTakesAnyValue() {
    FieldProbe finish = FieldProbe.field("finishReason");

    assertThat(finish.in(b("{\"finishReason\": \"STOP\"}"))).isTrue();
    assertThat(finish.in(b("{\"finishReason\":null}"))).isTrue();
    assertThat(finish.in(b("{\"finishReasons\":1}"))).isFalse();
  }
}
