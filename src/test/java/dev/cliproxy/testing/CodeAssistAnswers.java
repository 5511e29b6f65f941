package dev.cliproxy.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;

/**
 * Code Assist answers in the shape captured from Gemini CLI's traffic ({@code
 * codeassist-hi/06-…generateContent}, {@code 07-…streamGenerateContent}): {@code
 * {"response":{candidates, usageMetadata, modelVersion, responseId}, "traceId"}}, whole or as two
 * SSE chunks (the text, then an empty part with {@code finishReason} and the full usage).
 */
final class CodeAssistAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CodeAssistAnswers() {}

  /** A whole {@code generateContent} answer with this text. */
  static String whole(String text, String model) {
    return "{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
        + quoted(text)
        + "}]},\"finishReason\":\"STOP\",\"index\":0}],"
        + "\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":3,"
        + "\"totalTokenCount\":15},\"modelVersion\":\""
        + model
        + "\",\"responseId\":\"fake46906046720bee898f31a238\"},"
        + "\"traceId\":\"trace441ed279c073bba9db649fd7\"}";
  }

  /** A {@code streamGenerateContent?alt=sse} body with this text, as two events. */
  static String stream(String text, String model) {
    String first =
        "{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
            + quoted(text)
            + "}]},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
            + "\"totalTokenCount\":12},\"modelVersion\":\""
            + model
            + "\",\"responseId\":\"fakefd5b41c5b9ee922395ec7b9f\"},"
            + "\"traceId\":\"trace16132e58d907f262576c8f9f\"}";
    String last =
        "{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
            + "[{\"text\":\"\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":"
            + "{\"promptTokenCount\":12,\"candidatesTokenCount\":3,\"totalTokenCount\":15},"
            + "\"modelVersion\":\""
            + model
            + "\",\"responseId\":\"fakefd5b41c5b9ee922395ec7b9f\"},"
            + "\"traceId\":\"tracef12f694851e94bea49954c80\"}";
    return "data: " + first + "\n\ndata: " + last + "\n\n";
  }

  /**
   * The answer, whole or as an SSE body: with {@code content} (a function call from {@link
   * GeminiFunctionCalling}) when there is one, else with {@code text}.
   */
  static String answer(JsonNode content, String text, String model, boolean stream) {
    if (content == null) {
      return stream ? stream(text, model) : whole(text, model);
    }
    return withContent(content, model, stream);
  }

  /**
   * Answers a model call already let in: {@link #answer} for {@code inner} (the envelope's {@code
   * request}), whole as JSON or as an SSE body.
   */
  static void send(
      Response response,
      GeminiFunctionCalling functions,
      JsonNode inner,
      String model,
      boolean stream)
      throws IOException {
    String text = "echo: " + lastUserText(inner.path("contents"));
    String answer = answer(functions.answer(inner), text, model, stream);
    if (!stream) {
      FakeGoogleOAuth.send(response, 200, answer);
      return;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(answer.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** An answer (whole, or as one SSE event) whose candidate's content is {@code content}. */
  private static String withContent(JsonNode content, String model, boolean stream) {
    try {
      ObjectNode answer = (ObjectNode) JSON.readTree(whole("", model));
      ((ObjectNode) answer.at("/response/candidates/0")).set("content", content);
      String body = JSON.writeValueAsString(answer);
      return stream ? "data: " + body + "\n\n" : body;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of the last user turn's last text part. */
  static String lastUserText(JsonNode contents) {
    String text = "";
    for (JsonNode content : contents) {
      if (!content.path("role").asText("user").equals("model")) {
        for (JsonNode part : content.path("parts")) {
          if (part.has("text")) {
            text = part.path("text").asText();
          }
        }
      }
    }
    return text;
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
