package dev.cliproxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.testing.StreamingEncoders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Undoing Content-Encoding on whole answers and, block by block, on streams. */
class ContentDecodingTest {
  private static final byte[] TEXT =
      "event: ping\ndata: {\"type\":\"ping\"}\n\n".repeat(500).getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate", "deflate-raw", "br", "zstd"})
  void wholeAnswersDecode(String encoding) throws IOException {
    byte[] encoded = StreamingEncoders.encode(encoding, TEXT);
    String wire = encoding.equals("deflate-raw") ? "deflate" : encoding;

    assertThat(ContentDecoding.decode(wire, encoded, 1 << 20)).isEqualTo(TEXT);
  }

  @Test
  void realZstdCompressionAndListsOfCodingsDecode() throws IOException {
    io.airlift.compress.zstd.ZstdCompressor zstd = new io.airlift.compress.zstd.ZstdCompressor();
    byte[] out = new byte[zstd.maxCompressedLength(TEXT.length)];
    byte[] compressed = Arrays.copyOf(out, zstd.compress(TEXT, 0, TEXT.length, out, 0, out.length));
    assertThat(ContentDecoding.decode("zstd", compressed, 1 << 20)).isEqualTo(TEXT);

    byte[] twice = StreamingEncoders.encode("br", StreamingEncoders.encode("gzip", TEXT));
    assertThat(ContentDecoding.decode("gzip, br", twice, 1 << 20)).isEqualTo(TEXT);
    assertThat(ContentDecoding.decode("identity", TEXT, 1 << 20)).isSameAs(TEXT);
    assertThat(ContentDecoding.decode(null, TEXT, 1 << 20)).isSameAs(TEXT);
  }

  @Test
  void unknownCodingsAndBombsAreRefused() throws IOException {
    assertThatThrownBy(() -> ContentDecoding.decode("compress", TEXT, 1 << 20))
        .isInstanceOf(ContentDecoding.UnsupportedEncoding.class)
        .hasMessageContaining("compress");
    byte[] big = StreamingEncoders.encode("gzip", new byte[4 << 20]);
    assertThatThrownBy(() -> ContentDecoding.decode("gzip", big, 1 << 20))
        .hasMessageContaining("larger than");
  }

  /** Each flushed block is readable before the upstream sends the next one. */
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate", "deflate-raw"})
  void streamsDecodeEachBlockAsItArrives(String encoding) throws Exception {
    PipedInputStream wire = new PipedInputStream(1 << 16);
    OutputStream upstream = StreamingEncoders.open(encoding, new PipedOutputStream(wire));
    upstream.write("event: one\n\n".getBytes(StandardCharsets.UTF_8));
    upstream.flush();

    InputStream decoded =
        ContentDecoding.decode(encoding.equals("deflate-raw") ? "deflate" : encoding, wire);
    byte[] first = new byte[12];
    CompletableFuture<Integer> read =
        CompletableFuture.supplyAsync(() -> {
          try {
            return decoded.readNBytes(first, 0, 12);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    // The upstream sends nothing more until the first event has been read.
    assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(12);
    assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("event: one\n\n");

    upstream.write("event: two\n\n".getBytes(StandardCharsets.UTF_8));
    upstream.close();
    assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("event: two\n\n");
  }
}
