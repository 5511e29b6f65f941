package dev.cliproxy.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A management call that cannot be served as sent: answered {@code {"error": error}}, or {@code
 * {"error": error, "message": message}} in the newer envelope where {@code error} is a code. The
 * Management Center shows {@code message} when there is one, else {@code error}.
 */
public final class ManagementError extends RuntimeException {
  private final int status;
  private final String error;
  private final Optional<String> detail;

  public ManagementError(int status, String error) {
    this(status, error, Optional.empty());
  }

  public ManagementError(int status, String error, String message) {
    this(status, error, Optional.of(message));
  }

  private ManagementError(int status, String error, Optional<String> detail) {
    super(detail.map(m -> error + ": " + m).orElse(error), null, false, false);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  /** 400 with this error. */
  public static ManagementError badRequest(String error) {
    return new ManagementError(400, error);
  }

  /** 404 with this error. */
  public static ManagementError notFound(String error) {
    return new ManagementError(404, error);
  }

  public int status() {
    return status;
  }

  /** The answer's body. */
  ObjectNode body() {
    ObjectNode body = ManagementJson.MAPPER.createObjectNode().put("error", error);
    detail.ifPresent(m -> body.put("message", m));
    return body;
  }
}
