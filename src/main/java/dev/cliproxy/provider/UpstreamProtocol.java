package dev.cliproxy.provider;

import dev.cliproxy.dialect.model.DialectCodec;
import java.util.OptionalInt;

/**
 * How a provider's upstream speaks, as the gateway needs to know it: the codec of its wire (an
 * envelope such as Code Assist's is a decorator around a plain codec), whether it answers only as a
 * stream, the longest tool name it accepts, and how it reads its refusals.
 *
 * @param codec what requests are encoded to and answers decoded from
 * @param streamsAlways true when the upstream answers only as a stream (Codex): a client that wants
 *     one JSON answer gets the stream collected
 * @param toolNameLimit the longest tool name it accepts; longer names are shortened on the way
 *     there and restored in its answers (empty: no limit)
 * @param failures how its refusals are read
 */
public record UpstreamProtocol(
    DialectCodec codec, boolean streamsAlways, OptionalInt toolNameLimit, FailureReader failures) {

  /** An upstream that streams when asked, with no tool-name limit. */
  public static UpstreamProtocol of(DialectCodec codec, FailureReader failures) {
    return new UpstreamProtocol(codec, false, OptionalInt.empty(), failures);
  }

  /** Whether to ask the upstream for a stream when the client asked for one or not. */
  public boolean streams(boolean clientStream) {
    return streamsAlways || clientStream;
  }
}
