package dev.cliproxy.bench.http;

/**
 * The start line and the few header facts the benchmark needs from one HTTP/1.1 message.
 *
 * @param startLine request line or status line
 * @param contentLength value of Content-Length, or -1 when absent
 * @param chunked Transfer-Encoding: chunked
 * @param close Connection: close
 * @param expectContinue Expect: 100-continue
 * @param firstByteNanos System.nanoTime() of the read that brought the message's first byte
 */
public record HttpHead(
    String startLine,
    long contentLength,
    boolean chunked,
    boolean close,
    boolean expectContinue,
    long firstByteNanos) {

  /** Status code of a response, or -1 when the status line is malformed. */
  public int status() {
    if (startLine.length() < 12 || !startLine.startsWith("HTTP/1.")) return -1;
    try {
      return Integer.parseInt(startLine, 9, 12, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Method of a request ("GET", "POST"...). */
  public String method() {
    int sp = startLine.indexOf(' ');
    return sp < 0 ? startLine : startLine.substring(0, sp);
  }

  /** Request target without the query string. */
  public String path() {
    int a = startLine.indexOf(' ');
    int b = startLine.indexOf(' ', a + 1);
    if (a < 0 || b < 0) return "";
    String target = startLine.substring(a + 1, b);
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }
}
