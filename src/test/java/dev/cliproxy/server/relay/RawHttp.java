package dev.cliproxy.server.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand on a socket, for requests an HTTP client library would change (its own
 * user agent, no hop-by-hop headers) and for answers read as they arrive.
 */
final class RawHttp implements AutoCloseable {
  /** An answer: status, header lines as sent, body with chunked framing removed. */
  record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    String header(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    in = socket.getInputStream();
  }

  /** Sends a request: the request line, header lines and an optional body, CRLF added. */
  RawHttp send(String requestLine, List<String> headerLines, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
    headerLines.forEach(h -> head.append(h).append("\r\n"));
    if (body.length > 0) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().write(body);
    socket.getOutputStream().flush();
    return this;
  }

  /** Reads a whole answer. */
  Answer answer() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line; !(line = line()).isEmpty(); ) {
      int colon = line.indexOf(':');
      headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
    }
    Answer head = new Answer(status, headers, new byte[0]);
    String length = head.header("Content-Length");
    String transfer = head.header("Transfer-Encoding");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (transfer != null && transfer.toLowerCase(Locale.ROOT).contains("chunked")) {
      for (byte[] chunk; (chunk = chunk()).length > 0; ) {
        body.writeBytes(chunk);
      }
    } else if (length != null) {
      body.writeBytes(in.readNBytes(Integer.parseInt(length)));
    }
    return new Answer(status, headers, body.toByteArray());
  }

  /** Reads the status line and headers, leaving the body to {@link #chunk()}. */
  int head() throws IOException {
    int status = Integer.parseInt(line().split(" ")[1]);
    while (!line().isEmpty()) {
      // skip headers
    }
    return status;
  }

  /** The next chunk of a chunked body (empty at its end). */
  byte[] chunk() throws IOException {
    // a chunk's closing CRLF may come only with the next chunk: read it before the size instead
    String sizeLine = line();
    if (sizeLine.isEmpty()) {
      sizeLine = line();
    }
    int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
    if (size == 0) {
      line(); // the end of the (empty) trailers
      return new byte[0];
    }
    return in.readNBytes(size);
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("the connection closed mid-line: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
