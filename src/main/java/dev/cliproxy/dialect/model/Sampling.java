package dev.cliproxy.dialect.model;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Sampling settings and limits; empty means "the provider's default". */
public record Sampling(
    OptionalDouble temperature,
    OptionalDouble topP,
    OptionalInt topK,
    OptionalInt maxOutputTokens,
    List<String> stopSequences,
    OptionalLong seed,
    OptionalDouble presencePenalty,
    OptionalDouble frequencyPenalty,
    OptionalInt candidateCount) {

  public static final Sampling DEFAULT =
      new Sampling(
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          List.of(),
          OptionalLong.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalInt.empty());

  public Sampling {
    stopSequences = List.copyOf(stopSequences);
  }
}
