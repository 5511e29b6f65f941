package dev.cliproxy.management;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts, as browsers send uploads.
 * Strict: a body that does not follow the format is refused with a 400 naming what is wrong.
 */
final class MultipartForm {
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)(?:^|;)\\s*boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
  private static final Pattern PARAM =
      Pattern.compile("(?i);\\s*(name|filename)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]*))");
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  /**
   * One part.
   *
   * @param name the form field's name
   * @param fileName the file name the browser gave, if the part is a file
   */
  record Part(String name, Optional<String> fileName, byte[] content) {}

  private MultipartForm() {}

  /** Whether a {@code Content-Type} is {@code multipart/form-data}. */
  static boolean is(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /**
   * The parts of a body.
   *
   * @throws ManagementError 400 when the boundary is missing or the body is not well formed
   */
  static List<Part> parse(String contentType, byte[] body) {
    Matcher boundaryMatch = BOUNDARY.matcher(contentType);
    if (!boundaryMatch.find()) {
      throw invalid("the Content-Type names no boundary");
    }
    String boundary =
        boundaryMatch.group(1) != null ? boundaryMatch.group(1) : boundaryMatch.group(2);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw invalid("the body does not contain its boundary");
    }
    List<Part> parts = new ArrayList<>();
    at += delimiter.length;
    while (true) {
      if (startsWith(body, at, new byte[] {'-', '-'})) {
        return parts;
      }
      if (!startsWith(body, at, CRLF)) {
        throw invalid("a boundary is not followed by a line break");
      }
      int headersStart = at + CRLF.length;
      int headersEnd = indexOf(body, HEADER_END, headersStart - 2);
      if (headersEnd < 0) {
        throw invalid("a part's headers do not end");
      }
      String headers =
          headersEnd < headersStart
              ? ""
              : new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + HEADER_END.length;
      int contentEnd = indexOf(body, nextDelimiter, contentStart);
      if (contentEnd < 0) {
        throw invalid("a part does not end with the boundary (truncated upload?)");
      }
      parts.add(part(headers, Arrays.copyOfRange(body, contentStart, contentEnd)));
      at = contentEnd + nextDelimiter.length;
    }
  }

  private static Part part(String headers, byte[] content) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
        String value = line.substring(colon + 1);
        String name = null;
        String fileName = null;
        Matcher param = PARAM.matcher(value);
        while (param.find()) {
          String text =
              param.group(2) != null ? param.group(2).replaceAll("\\\\(.)", "$1") : param.group(3);
          if (param.group(1).equalsIgnoreCase("name")) {
            name = text;
          } else {
            fileName = text;
          }
        }
        if (name == null) {
          throw invalid("a part's Content-Disposition has no name");
        }
        return new Part(name, Optional.ofNullable(fileName), content);
      }
    }
    throw invalid("a part has no Content-Disposition");
  }

  private static ManagementError invalid(String why) {
    return new ManagementError(400, "invalid multipart form", why);
  }

  private static boolean startsWith(byte[] body, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > body.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (body[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] body, byte[] wanted, int from) {
    outer:
    for (int i = Math.max(0, from); i <= body.length - wanted.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (body[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
