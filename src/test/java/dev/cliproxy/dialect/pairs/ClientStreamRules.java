package dev.cliproxy.dialect.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.sse.SseData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire rules each client dialect's stream must follow ({@code ref/clients.md}, {@code
 * ref/translation.md} §5.1), checked event by event, and what the client ends up with once it has
 * read the whole stream.
 */
public final class ClientStreamRules {
  private ClientStreamRules() {}

  /** What a client reassembles from a stream or reads from an answer. */
  public record Seen(
      String thinking, String text, List<Call> calls, long prompt, long cached, long output) {}

  /** One tool call as the client sees it; {@code arguments} parsed. */
  public record Call(String id, String name, JsonNode arguments) {}

  /** Checks the stream against the client's rules and returns what the client reassembles. */
  public static Seen check(Dialect client, byte[] sse) {
    List<byte[]> events = Pairs.events(sse);
    assertThat(events).as("events").isNotEmpty();
    for (byte[] event : events) {
      String text = new String(event, StandardCharsets.UTF_8);
      assertThat(text).as("every event ends with a blank line").endsWith("\n\n");
    }
    return switch (client) {
      case CLAUDE -> claude(events);
      case OPENAI_RESPONSES -> responses(events);
      case OPENAI_CHAT -> openAiChat(events);
      case GEMINI -> gemini(events);
    };
  }

  private static String eventName(byte[] event) {
    String text = new String(event, StandardCharsets.UTF_8);
    return text.startsWith("event: ") ? text.substring(7, text.indexOf('\n')) : null;
  }

  private static JsonNode data(byte[] event) {
    byte[] data = SseData.of(event);
    assertThat(data).as("event has data").isNotNull();
    return Pairs.tree(new String(data, StandardCharsets.UTF_8));
  }

  /**
   * Claude: named events; message_start first; blocks with contiguous indexes from 0, one open at a
   * time, deltas only to the open block and of its type, a content_block_stop per block; then one
   * message_delta with the stop reason and usage, then message_stop, last.
   */
  private static Seen claude(List<byte[]> events) {
    StringBuilder thinking = new StringBuilder();
    StringBuilder text = new StringBuilder();
    List<Call> calls = new ArrayList<>();
    int nextIndex = 0;
    int open = -1;
    String openType = null;
    String callId = null;
    String callName = null;
    StringBuilder args = null;
    boolean blockHasDelta = false;
    JsonNode finalUsage = null;
    for (int i = 0; i < events.size(); i++) {
      String name = eventName(events.get(i));
      JsonNode data = data(events.get(i));
      assertThat(name).as("Claude events are named").isNotNull();
      assertThat(data.path("type").asText()).as("type matches event name").isEqualTo(name);
      if (i == 0) {
        assertThat(name).as("first event").isEqualTo("message_start");
        JsonNode message = data.path("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("content").isArray() && message.path("content").isEmpty()).isTrue();
        assertThat(message.path("id").asText()).isNotEmpty();
        assertThat(message.path("usage").isObject()).isTrue();
        continue;
      }
      assertThat(name).as("only one message_start").isNotEqualTo("message_start");
      assertThat(finalUsage == null || name.equals("message_stop"))
          .as("message_stop right after message_delta, got " + name)
          .isTrue();
      switch (name) {
        case "ping" -> {}
        case "content_block_start" -> {
          assertThat(open).as("a block is already open").isEqualTo(-1);
          assertThat(data.path("index").asInt(-1)).as("contiguous index").isEqualTo(nextIndex);
          open = nextIndex++;
          blockHasDelta = false;
          JsonNode block = data.path("content_block");
          openType = block.path("type").asText();
          switch (openType) {
            case "text" -> assertThat(block.path("text").asText("x")).isEmpty();
            case "thinking" -> {
              assertThat(block.path("thinking").asText("x")).isEmpty();
              assertThat(block.has("signature")).isTrue();
            }
            case "redacted_thinking" -> assertThat(block.path("data").asText()).isNotEmpty();
            case "tool_use" -> {
              callId = block.path("id").asText();
              callName = block.path("name").asText();
              assertThat(callId).isNotEmpty();
              assertThat(callName).isNotEmpty();
              assertThat(block.path("input").isObject() && block.path("input").isEmpty()).isTrue();
              args = new StringBuilder();
            }
            default -> throw new AssertionError("unexpected block type " + openType);
          }
        }
        case "content_block_delta" -> {
          assertThat(data.path("index").asInt(-1)).as("delta to the open block").isEqualTo(open);
          JsonNode delta = data.path("delta");
          String type = delta.path("type").asText();
          blockHasDelta = true;
          switch (openType) {
            case "text" -> {
              assertThat(type).isEqualTo("text_delta");
              text.append(delta.path("text").asText());
            }
            case "thinking" -> {
              assertThat(type).isIn("thinking_delta", "signature_delta");
              if (type.equals("thinking_delta")) {
                thinking.append(delta.path("thinking").asText());
              } else {
                assertThat(delta.path("signature").asText()).isNotEmpty();
              }
            }
            case "tool_use" -> {
              assertThat(type).isEqualTo("input_json_delta");
              args.append(delta.path("partial_json").asText());
            }
            default -> throw new AssertionError("no deltas for " + openType);
          }
        }
        case "content_block_stop" -> {
          assertThat(data.path("index").asInt(-1)).as("stop the open block").isEqualTo(open);
          if (openType.equals("thinking")) {
            assertThat(blockHasDelta)
                .as("a thinking block with neither text nor signature")
                .isTrue();
          }
          if (openType.equals("tool_use")) {
            calls.add(new Call(callId, callName, Pairs.tree(args.toString())));
          }
          open = -1;
        }
        case "message_delta" -> {
          assertThat(open).as("all blocks stopped before message_delta").isEqualTo(-1);
          assertThat(data.path("delta").path("stop_reason").isTextual()).isTrue();
          finalUsage = data.path("usage");
          assertThat(finalUsage.path("output_tokens").isNumber()).isTrue();
        }
        case "message_stop" -> {
          assertThat(finalUsage).as("message_delta before message_stop").isNotNull();
          assertThat(i).as("message_stop is last").isEqualTo(events.size() - 1);
        }
        default -> throw new AssertionError("unexpected Claude event " + name);
      }
    }
    assertThat(eventName(events.get(events.size() - 1))).isEqualTo("message_stop");
    long cached = finalUsage.path("cache_read_input_tokens").asLong();
    long prompt =
        finalUsage.path("input_tokens").asLong()
            + cached
            + finalUsage.path("cache_creation_input_tokens").asLong();
    return new Seen(
        thinking.toString(),
        text.toString(),
        calls,
        prompt,
        cached,
        finalUsage.path("output_tokens").asLong());
  }

  /**
   * Responses: named events whose type matches; sequence_number strictly increasing;
   * response.created then response.in_progress; every output_item.added closed by its
   * output_item.done (same id, ascending output_index, one open at a time), deltas only to the open
   * item, *.done texts equal to their deltas; response.completed last with every done item in order
   * and usage.
   */
  private static Seen responses(List<byte[]> events) {
    long lastSequence = -1;
    List<JsonNode> doneItems = new ArrayList<>();
    JsonNode openItem = null;
    int openIndex = -1;
    StringBuilder deltas = new StringBuilder();
    boolean partOpen = false;
    JsonNode completed = null;
    for (int i = 0; i < events.size(); i++) {
      String name = eventName(events.get(i));
      JsonNode data = data(events.get(i));
      assertThat(name).as("Responses events are named").isNotNull();
      assertThat(data.path("type").asText()).isEqualTo(name);
      long sequence = data.path("sequence_number").asLong(-1);
      assertThat(sequence).as("sequence_number increases").isGreaterThan(lastSequence);
      lastSequence = sequence;
      if (i == 0) {
        assertThat(name).isEqualTo("response.created");
      } else if (i == 1) {
        assertThat(name).isEqualTo("response.in_progress");
      }
      if (name.equals("response.created") || name.equals("response.in_progress")) {
        assertThat(i).isLessThan(2);
        assertThat(data.path("response").path("status").asText()).isEqualTo("in_progress");
        continue;
      }
      assertThat(completed).as("nothing after response.completed").isNull();
      if (!name.equals("response.output_item.added") && !name.equals("response.completed")) {
        assertThat(openItem).as(name + " inside an item").isNotNull();
        assertThat(data.path("output_index").asInt(-1)).isEqualTo(openIndex);
        if (!name.equals("response.output_item.done")) {
          assertThat(data.path("item_id").asText()).isEqualTo(openItem.path("id").asText());
        }
      }
      switch (name) {
        case "response.output_item.added" -> {
          assertThat(openItem).as("one item open at a time").isNull();
          assertThat(data.path("output_index").asInt(-1)).isEqualTo(doneItems.size());
          openItem = data.path("item");
          openIndex = doneItems.size();
          assertThat(openItem.path("id").asText()).isNotEmpty();
          deltas.setLength(0);
        }
        case "response.content_part.added", "response.reasoning_summary_part.added" -> {
          assertThat(partOpen).isFalse();
          partOpen = true;
        }
        case "response.output_text.delta",
            "response.reasoning_summary_text.delta",
            "response.function_call_arguments.delta" -> {
          if (!name.equals("response.function_call_arguments.delta")) {
            assertThat(partOpen).isTrue();
          }
          deltas.append(data.path("delta").asText());
        }
        case "response.output_text.done", "response.reasoning_summary_text.done" ->
            assertThat(data.path("text").asText()).isEqualTo(deltas.toString());
        case "response.function_call_arguments.done" ->
            assertThat(data.path("arguments").asText()).isEqualTo(deltas.toString());
        case "response.content_part.done", "response.reasoning_summary_part.done" -> {
          assertThat(partOpen).isTrue();
          assertThat(data.path("part").path("text").asText()).isEqualTo(deltas.toString());
          partOpen = false;
        }
        case "response.output_item.done" -> {
          assertThat(partOpen).as("parts closed before the item").isFalse();
          JsonNode item = data.path("item");
          assertThat(item.path("id").asText()).isEqualTo(openItem.path("id").asText());
          assertThat(item.path("type").asText()).isEqualTo(openItem.path("type").asText());
          switch (item.path("type").asText()) {
            case "message" -> {
              assertThat(item.path("status").asText()).isEqualTo("completed");
              assertThat(item.path("content").path(0).path("text").asText())
                  .isEqualTo(deltas.toString());
            }
            case "function_call" -> {
              assertThat(item.path("status").asText()).isEqualTo("completed");
              assertThat(item.path("call_id").asText()).isNotEmpty();
              assertThat(item.path("name").asText()).isNotEmpty();
              Pairs.tree(item.path("arguments").asText());
            }
            case "reasoning" ->
                assertThat(item.path("summary").isEmpty() && !item.has("encrypted_content"))
                    .as("a reasoning item with neither summary nor encrypted content")
                    .isFalse();
            default -> throw new AssertionError("unexpected item " + item);
          }
          doneItems.add(item);
          openItem = null;
        }
        case "response.completed" -> {
          assertThat(openItem).as("all items done").isNull();
          completed = data.path("response");
          assertThat(completed.path("status").asText()).isEqualTo("completed");
          assertThat(completed.path("output")).containsExactlyElementsOf(doneItems);
          JsonNode usage = completed.path("usage");
          assertThat(usage.path("total_tokens").asLong())
              .isEqualTo(
                  usage.path("input_tokens").asLong() + usage.path("output_tokens").asLong());
          assertThat(i).isEqualTo(events.size() - 1);
        }
        default -> throw new AssertionError("unexpected Responses event " + name);
      }
    }
    assertThat(completed).as("response.completed").isNotNull();
    StringBuilder thinking = new StringBuilder();
    StringBuilder text = new StringBuilder();
    List<Call> calls = new ArrayList<>();
    for (JsonNode item : doneItems) {
      switch (item.path("type").asText()) {
        case "reasoning" ->
            item.path("summary").forEach(s -> thinking.append(s.path("text").asText()));
        case "message" -> item.path("content").forEach(c -> text.append(c.path("text").asText()));
        case "function_call" ->
            calls.add(
                new Call(
                    item.path("call_id").asText(),
                    item.path("name").asText(),
                    Pairs.tree(item.path("arguments").asText())));
        default -> {}
      }
    }
    JsonNode usage = completed.path("usage");
    return new Seen(
        thinking.toString(),
        text.toString(),
        calls,
        usage.path("input_tokens").asLong(),
        usage.path("input_tokens_details").path("cached_tokens").asLong(),
        usage.path("output_tokens").asLong());
  }

  /**
   * OpenAI chat: data-only chunks, [DONE] last; the same id, created and model on every chunk; role
   * on the first delta; tool_calls indexes from 0, id/type/name on a call's first fragment only;
   * one finish_reason; a usage chunk with choices [] after it.
   */
  private static Seen openAiChat(List<byte[]> events) {
    StringBuilder thinking = new StringBuilder();
    StringBuilder text = new StringBuilder();
    Map<Integer, String[]> calls = new HashMap<>();
    Map<Integer, StringBuilder> args = new HashMap<>();
    JsonNode first = null;
    boolean finished = false;
    JsonNode usage = null;
    for (int i = 0; i < events.size(); i++) {
      assertThat(eventName(events.get(i))).as("chat chunks are data-only").isNull();
      byte[] raw = SseData.of(events.get(i));
      if (i == events.size() - 1) {
        assertThat(SseData.isDone(raw)).as("[DONE] last").isTrue();
        break;
      }
      assertThat(SseData.isDone(raw)).as("[DONE] only last").isFalse();
      JsonNode chunk = data(events.get(i));
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      if (first == null) {
        first = chunk;
        assertThat(chunk.path("choices").path(0).path("delta").path("role").asText())
            .isEqualTo("assistant");
      }
      assertThat(chunk.path("id")).isEqualTo(first.path("id"));
      assertThat(chunk.path("created")).isEqualTo(first.path("created"));
      assertThat(chunk.path("model")).isEqualTo(first.path("model"));
      if (chunk.path("choices").isEmpty()) {
        assertThat(finished).as("usage chunk after finish_reason").isTrue();
        assertThat(usage).as("one usage chunk").isNull();
        usage = chunk.path("usage");
        continue;
      }
      assertThat(finished).as("no choices after finish_reason").isFalse();
      JsonNode choice = chunk.path("choices").path(0);
      assertThat(choice.path("index").asInt(-1)).isZero();
      JsonNode delta = choice.path("delta");
      thinking.append(delta.path("reasoning_content").asText(""));
      text.append(delta.path("content").asText(""));
      for (JsonNode call : delta.path("tool_calls")) {
        int index = call.path("index").asInt(-1);
        if (!calls.containsKey(index)) {
          assertThat(index).as("tool call indexes from 0, in order").isEqualTo(calls.size());
          assertThat(call.path("id").asText()).isNotEmpty();
          assertThat(call.path("type").asText()).isEqualTo("function");
          assertThat(call.path("function").path("name").asText()).isNotEmpty();
          calls.put(
              index,
              new String[] {call.path("id").asText(), call.path("function").path("name").asText()});
          args.put(index, new StringBuilder());
        } else {
          assertThat(call.has("id") || call.path("function").has("name"))
              .as("id and name only on the first fragment")
              .isFalse();
        }
        args.get(index).append(call.path("function").path("arguments").asText(""));
      }
      if (!choice.path("finish_reason").isNull()) {
        assertThat(choice.path("finish_reason").isTextual()).isTrue();
        finished = true;
      }
    }
    assertThat(finished).as("finish_reason").isTrue();
    assertThat(usage).as("usage chunk").isNotNull();
    assertThat(usage.path("total_tokens").asLong())
        .isEqualTo(usage.path("prompt_tokens").asLong() + usage.path("completion_tokens").asLong());
    List<Call> seen = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      seen.add(new Call(calls.get(i)[0], calls.get(i)[1], Pairs.tree(args.get(i).toString())));
    }
    return new Seen(
        thinking.toString(),
        text.toString(),
        seen,
        usage.path("prompt_tokens").asLong(),
        usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
        usage.path("completion_tokens").asLong());
  }

  /**
   * Gemini: data-only chunks, each a whole GenerateContentResponse with a model candidate; function
   * calls whole (name and object args); finishReason and usageMetadata in the last chunk only.
   */
  private static Seen gemini(List<byte[]> events) {
    StringBuilder thinking = new StringBuilder();
    StringBuilder text = new StringBuilder();
    List<Call> calls = new ArrayList<>();
    JsonNode usage = null;
    for (int i = 0; i < events.size(); i++) {
      assertThat(eventName(events.get(i))).as("Gemini chunks are data-only").isNull();
      JsonNode chunk = data(events.get(i));
      JsonNode candidate = chunk.path("candidates").path(0);
      assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
      boolean last = i == events.size() - 1;
      assertThat(candidate.has("finishReason"))
          .as("finishReason in the last chunk only")
          .isEqualTo(last);
      if (last) {
        assertThat(candidate.path("finishReason").asText()).isNotEmpty();
        assertThat(chunk.has("usageMetadata")).as("usageMetadata in the last chunk").isTrue();
        usage = chunk.path("usageMetadata");
      }
      for (JsonNode part : candidate.path("content").path("parts")) {
        if (part.has("functionCall")) {
          JsonNode call = part.path("functionCall");
          assertThat(call.path("name").asText()).isNotEmpty();
          assertThat(call.path("args").isObject()).as("args whole").isTrue();
          calls.add(
              new Call(call.path("id").asText(), call.path("name").asText(), call.path("args")));
        } else if (part.path("thought").asBoolean()) {
          thinking.append(part.path("text").asText());
        } else {
          text.append(part.path("text").asText());
        }
      }
    }
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
