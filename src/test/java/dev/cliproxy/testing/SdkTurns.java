package dev.cliproxy.testing;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Schema;
import com.google.genai.types.Type;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end tests build with the official SDKs again and again: a one-argument tool
 * ({@code city}) in each SDK's shape, the text of an answer, and the next turn after a tool call.
 */
public final class SdkTurns {
  private SdkTurns() {}

  /** An Anthropic tool taking a required string {@code city}. */
  public static Tool claudeTool(String name) {
    return Tool.builder()
        .name(name)
        .description("looks up " + name)
        .inputSchema(
            Tool.InputSchema.builder()
                .properties(
                    Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty(
                            "city", com.anthropic.core.JsonValue.from(Map.of("type", "string")))
                        .build())
                .addRequired("city")
                .build())
        .build();
  }

  /** A Responses function tool taking a string {@code city}. */
  public static FunctionTool responsesTool(String name) {
    return FunctionTool.builder()
        .name(name)
        .strict(false)
        .parameters(
            FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties",
                    com.openai.core.JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .build())
        .build();
  }

  /** A Gen AI request config offering one function taking a required string {@code city}. */
  public static GenerateContentConfig genaiTools(String name) {
    return GenerateContentConfig.builder()
        .tools(
            com.google.genai.types.Tool.builder()
                .functionDeclarations(
                    FunctionDeclaration.builder()
                        .name(name)
                        .description("looks up the weather")
                        .parameters(
                            Schema.builder()
                                .type(Type.Known.OBJECT)
                                .properties(
                                    Map.of(
                                        "city", Schema.builder().type(Type.Known.STRING).build()))
                                .required("city")
                                .build())
                        .build())
                .build())
        .build();
  }

  /** The text blocks of an Anthropic answer, joined. */
  public static String text(Message message) {
    StringBuilder out = new StringBuilder();
    message.content().forEach(b -> b.text().ifPresent(t -> out.append(t.text())));
    return out.toString();
  }

  /** The output text of a Responses answer, joined. */
  public static String text(Response response) {
    StringBuilder out = new StringBuilder();
    response.output().stream()
        .flatMap(item -> item.message().stream())
        .flatMap(m -> m.content().stream())
        .flatMap(c -> c.outputText().stream())
        .forEach(t -> out.append(t.text()));
    return out.toString();
  }

  /** The next turn of a Claude conversation: the assistant's tool call and the tool's result. */
  public static Message replyToTool(
      AnthropicClient client,
      MessageCreateParams ask,
      Message call,
      String toolUseId,
      String result) {
    return client.messages().create(toolReply(ask, call, toolUseId, result));
  }

  /** The request of that next turn, to send whole or streamed. */
  public static MessageCreateParams toolReply(
      MessageCreateParams ask, Message call, String toolUseId, String result) {
    return ask.toBuilder()
        .addMessage(call)
        .addUserMessageOfContentBlockParams(
            List.of(
                ContentBlockParam.ofToolResult(
                    ToolResultBlockParam.builder().toolUseId(toolUseId).content(result).build())))
        .build();
  }
}
