package dev.cliproxy.dialect.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cliproxy.dialect.ProxyError;
import dev.cliproxy.dialect.sse.SseData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes errors the way the OpenAI API does: {@code {"error":{message,type,param,code}}}. */
public final class OpenAiErrors {
  private static final JsonFactory JSON = new JsonFactory();

  private OpenAiErrors() {}

  /** The response body for an error. */
  public static byte[] body(ProxyError error) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("error");
      json.writeStringField("message", error.message());
      json.writeStringField("type", type(error.kind()));
      json.writeNullField("param");
      json.writeStringField("code", error.code());
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The same error as one server-sent event, for failures after a stream has started. */
  public static byte[] streamEvent(ProxyError error) {
    return SseData.event(body(error));
  }

  /** OpenAI's error type names. */
  static String type(ProxyError.Kind kind) {
    return switch (kind) {
      case INVALID_REQUEST, NOT_FOUND, REQUEST_TOO_LARGE -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case PERMISSION -> "permission_error";
      case RATE_LIMIT -> "rate_limit_error";
      case UPSTREAM -> "upstream_error";
      case INTERNAL -> "server_error";
    };
  }
}
