package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** What a management endpoint answers. */
public sealed interface ManagementReply {

  /** The answer's status. */
  int status();

  /** Headers to add to the answer. */
  Map<String, String> headers();

  /** A JSON answer. */
  record Json(int status, JsonNode body, Map<String, String> headers) implements ManagementReply {
    public Json {
      headers = Map.copyOf(headers);
    }
  }

  /** Bytes as they are (a file download, a YAML document). */
  record Raw(int status, String contentType, byte[] body, Map<String, String> headers)
      implements ManagementReply {
    public Raw {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * A body written as it is produced, never held whole (an export that grows with the records
   * kept). A {@link ManagementError} the writer throws before its first 64 KiB went out answers as
   * usual; after that the connection is cut, so that a client never takes a truncated body for a
   * whole one.
   */
  record Streamed(int status, String contentType, Body body, Map<String, String> headers)
      implements ManagementReply {
    public Streamed {
      headers = Map.copyOf(headers);
    }

    /** Writes the body. */
    @FunctionalInterface
    public interface Body {
      void writeTo(OutputStream out) throws IOException;
    }
  }

  /** 200 {@code {"status":"ok"}}, what every successful write answers. */
  static ManagementReply ok() {
    return json(ManagementJson.MAPPER.createObjectNode().put("status", "ok"));
  }

  /** 200 with this body. */
  static ManagementReply json(JsonNode body) {
    return json(200, body);
  }

  static ManagementReply json(int status, JsonNode body) {
    return new Json(status, body, Map.of());
  }

  /** 200 with {@code {key: value}}, a value mapped to JSON by {@link ManagementJson#MAPPER}. */
  static ManagementReply field(String key, Object value) {
    return json(
        ManagementJson.MAPPER
            .createObjectNode()
            .set(key, ManagementJson.MAPPER.valueToTree(value)));
  }
}
