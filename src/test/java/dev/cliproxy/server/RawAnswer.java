package dev.cliproxy.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 answer read from a raw socket: the status, the head's lines, and the body (its
 * Content-Length, chunked, or up to the end of the connection), for tests that send what no proper
 * client would.
 */
record RawAnswer(int status, String head, String body) {
  /** Reads one answer from {@code in}. */
  static RawAnswer read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0 || bytes.size() > 64 * 1024) {
        throw new IOException("no complete answer head: " + bytes);
      }
      bytes.write(b);
    }
    String head = bytes.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(head.substring(9, 12));
    String length = header(head, "content-length");
    String body;
    if (length != null) {
      body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
    } else if ("chunked".equalsIgnoreCase(header(head, "transfer-encoding"))) {
      body = chunked(in);
    } else {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new RawAnswer(status, head, body);
  }

  /** A header's value (the first one, case-insensitive), or null. */
  String header(String name) {
    return header(head, name);
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static String chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        line(in);
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(in.readNBytes(n));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the answer ended inside a chunk: " + line);
      }
      line.append((char) b);
    }
    return line.toString().strip().toLowerCase(Locale.ROOT);
  }
}
