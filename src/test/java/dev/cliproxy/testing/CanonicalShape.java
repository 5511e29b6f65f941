package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.StreamEvent;
import java.util.List;

/**
 * Asserts the stream shape {@link StreamEvent} documents, which every encoder relies on: {@link
 * StreamEvent.Start} first (unless the stream is a lone failure), blocks opened and closed in turn
 * with indexes 0, 1, 2 … (a Failure may break off the open one), and exactly one {@link
 * StreamEvent.Finish} or {@link StreamEvent.Failure} at the end. Used by the codec stream tests and
 * the stream fuzz tests.
 */
public final class CanonicalShape {
  private CanonicalShape() {}

  /** Fails unless {@code events} is one whole, well-formed canonical stream. */
  public static void check(List<StreamEvent> events) {
    assertThat(events).isNotEmpty();
    StreamEvent last = events.getLast();
    assertThat(last).isInstanceOfAny(StreamEvent.Finish.class, StreamEvent.Failure.class);
    if (!(events.getFirst() instanceof StreamEvent.Failure)) {
      assertThat(events.getFirst()).isInstanceOf(StreamEvent.Start.class);
    }
    int nextIndex = 0;
    Integer open = null;
    for (StreamEvent event : events.subList(0, events.size() - 1)) {
      switch (event) {
        case StreamEvent.Start s -> assertThat(event).isSameAs(events.getFirst());
        case StreamEvent.BlockStart start -> {
          assertThat(open).as("a block opened while another is open").isNull();
          assertThat(start.index()).isEqualTo(nextIndex++);
          open = start.index();
        }
        case StreamEvent.BlockStop stop -> {
          assertThat(stop.index()).isEqualTo(open);
          open = null;
        }
        case StreamEvent.TextDelta d -> assertThat(d.index()).isEqualTo(open);
        case StreamEvent.ThinkingDelta d -> assertThat(d.index()).isEqualTo(open);
        case StreamEvent.SignatureDelta d -> assertThat(d.index()).isEqualTo(open);
        case StreamEvent.ToolArgumentsDelta d -> assertThat(d.index()).isEqualTo(open);
        case StreamEvent.Finish f -> throw new AssertionError("Finish before the end");
        case StreamEvent.Failure f -> throw new AssertionError("Failure before the end");
      }
    }
    if (last instanceof StreamEvent.Finish) {
      // Failure may break off a stream mid-block (StreamEvent's contract); Finish may not.
      assertThat(open).as("a block left open before Finish").isNull();
    }
  }
}
