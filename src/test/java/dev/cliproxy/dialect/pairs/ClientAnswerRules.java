package dev.cliproxy.dialect.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.pairs.ClientStreamRules.Call;
import dev.cliproxy.dialect.pairs.ClientStreamRules.Seen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The shape each client dialect's whole answer must have, and what the client reads from it. */
public final class ClientAnswerRules {
  private ClientAnswerRules() {}

  public static Seen check(Dialect client, byte[] body) {
    JsonNode answer = Pairs.tree(new String(body, StandardCharsets.UTF_8));
    StringBuilder thinking = new StringBuilder();
    StringBuilder text = new StringBuilder();
    List<Call> calls = new ArrayList<>();
    switch (client) {
      case CLAUDE -> {
        assertThat(answer.path("type").asText()).isEqualTo("message");
        assertThat(answer.path("role").asText()).isEqualTo("assistant");
        assertThat(answer.path("stop_reason").isTextual()).isTrue();
        for (JsonNode block : answer.path("content")) {
          switch (block.path("type").asText()) {
            case "thinking" -> {
              assertThat(block.has("signature")).isTrue();
              thinking.append(block.path("thinking").asText());
            }
            case "redacted_thinking" -> assertThat(block.path("data").asText()).isNotEmpty();
            case "text" -> text.append(block.path("text").asText());
            case "tool_use" -> {
              assertThat(block.path("input").isObject()).isTrue();
              calls.add(
                  new Call(
                      block.path("id").asText(), block.path("name").asText(), block.path("input")));
            }
            default -> throw new AssertionError("unexpected block " + block);
          }
        }
        JsonNode usage = answer.path("usage");
        long cached = usage.path("cache_read_input_tokens").asLong();
        long prompt =
            usage.path("input_tokens").asLong()
                + cached
                + usage.path("cache_creation_input_tokens").asLong();
        return new Seen(
            thinking.toString(),
            text.toString(),
            calls,
            prompt,
            cached,
            usage.path("output_tokens").asLong());
      }
      case OPENAI_RESPONSES -> {
        assertThat(answer.path("object").asText()).isEqualTo("response");
        assertThat(answer.path("status").asText()).isEqualTo("completed");
        for (JsonNode item : answer.path("output")) {
          assertThat(item.path("id").asText()).isNotEmpty();
          switch (item.path("type").asText()) {
            case "reasoning" ->
                item.path("summary").forEach(s -> thinking.append(s.path("text").asText()));
            case "message" -> {
              assertThat(item.path("role").asText()).isEqualTo("assistant");
              item.path("content").forEach(c -> text.append(c.path("text").asText()));
            }
            case "function_call" ->
                calls.add(
                    new Call(
                        item.path("call_id").asText(),
                        item.path("name").asText(),
                        Pairs.tree(item.path("arguments").asText())));
            default -> throw new AssertionError("unexpected item " + item);
          }
        }
        JsonNode usage = answer.path("usage");
        assertThat(usage.path("total_tokens").asLong())
            .isEqualTo(usage.path("input_tokens").asLong() + usage.path("output_tokens").asLong());
        return new Seen(
            thinking.toString(),
            text.toString(),
            calls,
            usage.path("input_tokens").asLong(),
            usage.path("input_tokens_details").path("cached_tokens").asLong(),
            usage.path("output_tokens").asLong());
      }
      case OPENAI_CHAT -> {
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        JsonNode choice = answer.path("choices").path(0);
        assertThat(choice.path("finish_reason").isTextual()).isTrue();
        JsonNode message = choice.path("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        thinking.append(message.path("reasoning_content").asText(""));
        text.append(message.path("content").asText(""));
        for (JsonNode call : message.path("tool_calls")) {
          assertThat(call.path("type").asText()).isEqualTo("function");
          calls.add(
              new Call(
                  call.path("id").asText(),
                  call.path("function").path("name").asText(),
                  Pairs.tree(call.path("function").path("arguments").asText())));
        }
        JsonNode usage = answer.path("usage");
        assertThat(usage.path("total_tokens").asLong())
            .isEqualTo(
                usage.path("prompt_tokens").asLong() + usage.path("completion_tokens").asLong());
        return new Seen(
            thinking.toString(),
            text.toString(),
            calls,
            usage.path("prompt_tokens").asLong(),
            usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
            usage.path("completion_tokens").asLong());
      }
      case GEMINI -> {
        JsonNode candidate = answer.path("candidates").path(0);
        assertThat(candidate.path("finishReason").asText()).isNotEmpty();
        assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
        for (JsonNode part : candidate.path("content").path("parts")) {
          if (part.has("functionCall")) {
            JsonNode call = part.path("functionCall");
            assertThat(call.path("args").isObject()).isTrue();
            calls.add(
                new Call(call.path("id").asText(), call.path("name").asText(), call.path("args")));
          } else if (part.path("thought").asBoolean()) {
            thinking.append(part.path("text").asText());
          } else {
            text.append(part.path("text").asText());
          }
        }
        JsonNode usage = answer.path("usageMetadata");
        long output =
            usage.path("candidatesTokenCount").asLong() + usage.path("thoughtsTokenCount").asLong();
        assertThat(usage.path("totalTokenCount").asLong())
            .isEqualTo(usage.path("promptTokenCount").asLong() + output);
        return new Seen(
            thinking.toString(),
            text.toString(),
            calls,
            usage.path("promptTokenCount").asLong(),
            usage.path("cachedContentTokenCount").asLong(),
            output);
      }
    }
    throw new AssertionError(client);
  }
}
