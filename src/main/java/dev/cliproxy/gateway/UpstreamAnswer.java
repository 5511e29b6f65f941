package dev.cliproxy.gateway;

import dev.cliproxy.provider.UpstreamHeaders;
import java.io.IOException;
import java.io.InputStream;

/** An upstream's answer once its head has arrived; its body decoded from any Content-Encoding. */
public interface UpstreamAnswer extends AutoCloseable {

  /** The HTTP status. */
  int status();

  /** The answer's headers. */
  UpstreamHeaders headers();

  /** The decoded body as it arrives, for streamed answers. */
  InputStream stream() throws IOException;

  /**
   * The whole decoded body, at most {@code limit} bytes.
   *
   * @throws IOException when the body broke off, is not valid for its encoding, or is larger
   */
  byte[] whole(int limit) throws IOException;

  /** Releases the answer; the rest of a body not read is dropped. */
  @Override
  void close();
}
