package dev.cliproxy.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cliproxy.dialect.ProxyException;
import dev.cliproxy.dialect.model.ChatRequest;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Message;
import dev.cliproxy.dialect.model.Part;
import dev.cliproxy.dialect.model.Reasoning;
import dev.cliproxy.dialect.model.ResponseFormat;
import dev.cliproxy.dialect.model.Role;
import dev.cliproxy.dialect.model.Signature;
import dev.cliproxy.dialect.model.Tool;
import dev.cliproxy.dialect.model.ToolChoice;
import dev.cliproxy.testing.Goldens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponsesRequestDecoderTest {
  private final ResponsesCodec codec = new ResponsesCodec();

  private ChatRequest decode(String json) {
    return codec.decodeRequest(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private void assertRejected(String json, String messagePart) {
    assertThatThrownBy(() -> decode(json))
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(400);
              assertThat(e.error().message()).contains(messagePart);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "codex_hi_01",
        "codex_tool_01",
        "codex_tool_02",
        "codex_builtin-openai-provider-hi_08",
        "codex_probe-no-response-completed_01",
        "sdk_04",
        "sdk_05",
        "sdk_06"
      })
  void everyCapturedClientRequestDecodes(String capture) {
    ChatRequest request =
        codec.decodeRequest(Goldens.bytes("responses/captures/" + capture + ".request.json"));
    assertThat(request.model()).startsWith("gpt-");
    assertThat(request.messages()).isNotEmpty();
  }

  @Test
  void codexToolTurnDecodesDeveloperItemsAsSystemAndPairsTheCallWithItsOutput() {
    ChatRequest r =
        codec.decodeRequest(Goldens.bytes("responses/captures/codex_tool_02.request.json"));

    // Two developer items, the second with two parts: three system parts, in order.
    assertThat(r.system()).hasSize(3);
    assertThat(r.system().get(0).text())
        .startsWith("You are a coding agent running in the Codex CLI");
    assertThat(r.system().get(1).text()).startsWith("<skills_instructions>");
    assertThat(r.system().get(2).text()).startsWith("<permissions instructions>");
    assertThat(r.messages())
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
    assertThat(r.messages().get(0).parts()).hasSize(2);
    assertThat(r.messages().get(1).parts())
        .containsExactly(
            new Part.ToolCall(
                "call_fake7b35ecfa0a5ac319a8bb2664",
                "exec_command",
                "{\"cmd\":\"ls\"}",
                Optional.empty()));
    Part.ToolResult result = (Part.ToolResult) r.messages().get(2).parts().get(0);
    assertThat(result.callId()).isEqualTo("call_fake7b35ecfa0a5ac319a8bb2664");
    assertThat(result.name()).isEqualTo("exec_command");
    assertThat(((Part.Text) result.content().get(0)).text()).endsWith("README.md\nmain.py\n");
    assertThat(r.tools()).hasSize(9);
    assertThat(r.tools().stream().filter(Tool.Native.class::isInstance))
        .extracting(t -> ((Tool.Native) t).definition().path("type").asText())
        .containsExactly("namespace", "web_search");
    Tool.Function exec = (Tool.Function) r.tools().get(0);
    assertThat(exec.name()).isEqualTo("exec_command");
    assertThat(exec.strict()).isFalse();
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Auto(true));
    assertThat(r.reasoning()).contains(new Reasoning(Optional.empty(), OptionalInt.empty(), true));
    assertThat(r.stream()).isTrue();
  }

  @Test
  void aStringInputIsOneUserMessageAndInstructionsAreTheSystem() {
    ChatRequest r =
        decode(
            "{'model':'gpt-5','instructions':'Be brief.','input':'say hi','max_output_tokens':50,"
                + "'temperature':0.5,'top_p':0.9,'user':'u1','store':true,'include':[],"
                + "'prompt_cache_key':'k','metadata':{'a':'b'}}");
    assertThat(r.system()).containsExactly(new Part.Text("Be brief."));
    assertThat(r.messages())
        .containsExactly(new Message(Role.USER, List.of(new Part.Text("say hi"))));
    assertThat(r.sampling().maxOutputTokens()).hasValue(50);
    assertThat(r.sampling().temperature()).hasValue(0.5);
    assertThat(r.sampling().topP()).hasValue(0.9);
    assertThat(r.user()).contains("u1");
    assertThat(r.stream()).isFalse();
    assertThat(r.reasoning()).isEmpty();
    assertThat(r.responseFormat()).isEqualTo(ResponseFormat.TEXT);
  }

  @Test
  void safetyIdentifierIsTheUser() {
    assertThat(decode("{'model':'m','input':'x','safety_identifier':'s1','user':'u1'}").user())
        .contains("s1");
  }

  @Test
  void aLaterDeveloperMessageStaysInPlaceAsSystem() {
    ChatRequest r =
        decode(
            "{'model':'m','input':[{'role':'user','content':'a'},"
                + "{'role':'developer','content':'now be formal'},{'role':'user','content':'b'}]}");
    assertThat(r.system()).isEmpty();
    assertThat(r.messages())
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.SYSTEM, Role.USER);
  }

  @Test
  void imagesAndFilesKeepWhereTheirBytesAre() {
    ChatRequest r =
        decode(
            "{'model':'m','input':[{'type':'message','role':'user','content':["
                + "{'type':'input_text','text':'look'},"
                + "{'type':'input_image','image_url':'data:image/png;base64,iVBORw0KGgo=','detail':'auto'},"
                + "{'type':'input_image','image_url':'https://example.com/cat.jpg'},"
                + "{'type':'input_image','file_id':'file-img1'},"
                + "{'type':'input_file','file_data':'data:application/pdf;base64,JVBERi0=','filename':'a.pdf'},"
                + "{'type':'input_file','file_id':'file-abc'}]}]}");
    assertThat(r.messages().get(0).parts())
        .containsExactly(
            new Part.Text("look"),
            new Part.Image(new Media.Inline("image/png", "iVBORw0KGgo=")),
            new Part.Image(new Media.Url("https://example.com/cat.jpg", "")),
            new Part.Image(new Media.FileId("file-img1", "")),
            new Part.File(new Media.Inline("application/pdf", "JVBERi0="), "a.pdf"),
            new Part.File(new Media.FileId("file-abc", ""), ""));
  }

  @Test
  void reasoningAndParallelCallsFormOneAssistantTurnAndTheirOutputsOneUserTurn() {
    ChatRequest r =
        decode(
            "{'model':'m','input':["
                + "{'role':'user','content':'weather in Paris and Rome?'},"
                + "{'type':'reasoning','id':'rs_1','summary':[{'type':'summary_text','text':'Two cities.'},"
                + "{'type':'summary_text','text':'Call twice.'}],'encrypted_content':'gAAAA-enc'},"
                + "{'type':'function_call','id':'fc_1','call_id':'call_a','name':'weather','arguments':'{\\'city\\':\\'Paris\\'}'},"
                + "{'type':'function_call','id':'fc_2','call_id':'call_b','name':'weather','arguments':'{\\'city\\':\\'Rome\\'}'},"
                + "{'type':'function_call_output','call_id':'call_a','output':'18C'},"
                + "{'type':'function_call_output','id':'fco_2','call_id':'call_b','output':[{'type':'input_text','text':'21C'}]},"
                + "{'type':'message','role':'assistant','content':[{'type':'output_text','text':'Paris 18C, Rome 21C.'},"
                + "{'type':'refusal','refusal':'no more'}]},"
                + "{'type':'web_search_call','id':'ws_1','status':'completed'}]}");
    assertThat(r.messages())
        .containsExactly(
            new Message(Role.USER, List.of(new Part.Text("weather in Paris and Rome?"))),
            new Message(
                Role.ASSISTANT,
                List.of(
                    new Part.Thinking(
                        "Two cities.\n\nCall twice.",
                        Optional.of(new Signature(Dialect.OPENAI_RESPONSES, "gAAAA-enc"))),
                    new Part.ToolCall(
                        "call_a", "weather", "{\"city\":\"Paris\"}", Optional.empty()),
                    new Part.ToolCall(
                        "call_b", "weather", "{\"city\":\"Rome\"}", Optional.empty()))),
            new Message(
                Role.USER,
                List.of(
                    new Part.ToolResult("call_a", "weather", List.of(new Part.Text("18C")), false),
                    new Part.ToolResult(
                        "call_b", "weather", List.of(new Part.Text("21C")), false))),
            new Message(
                Role.ASSISTANT,
                List.of(new Part.Text("Paris 18C, Rome 21C."), new Part.Text("no more"))));
  }

  @Test
  void toolsToolChoiceReasoningAndFormat() {
    ChatRequest r =
        decode(
            "{'model':'m','input':'x','tools':[{'type':'function','name':'f','description':'d',"
                + "'parameters':{'type':'object'}},{'type':'function','name':'g'},"
                + "{'type':'custom','name':'apply_patch'}],"
                + "'tool_choice':{'type':'function','name':'f'},'parallel_tool_calls':false,"
                + "'reasoning':{'effort':'high','summary':'detailed'},"
                + "'text':{'format':{'type':'json_schema','name':'out','schema':{'type':'object'},'strict':true}}}");
    assertThat(r.tools().get(0))
        .isEqualTo(
            new Tool.Function(
                "f", "d", ResponsesJson.MAPPER.createObjectNode().put("type", "object"), true));
    assertThat(((Tool.Function) r.tools().get(1)).parameters().toString())
        .isEqualTo("{\"type\":\"object\",\"properties\":{}}");
    assertThat(r.tools().get(2)).isInstanceOf(Tool.Native.class);
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Named("f"));
    assertThat(r.reasoning())
        .contains(new Reasoning(Optional.of(Reasoning.Effort.HIGH), OptionalInt.empty(), true));
    assertThat(r.responseFormat())
        .isEqualTo(
            new ResponseFormat.JsonSchema(
                "out", ResponsesJson.MAPPER.createObjectNode().put("type", "object"), true));
    assertThat(
            decode("{'model':'m','input':'x','tool_choice':'required','parallel_tool_calls':false}")
                .toolChoice())
        .isEqualTo(new ToolChoice.Required(false));
    assertThat(decode("{'model':'m','input':'x','tool_choice':'none'}").toolChoice())
        .isEqualTo(new ToolChoice.None());
    assertThat(
            decode("{'model':'m','input':'x','text':{'format':{'type':'json_object'}}}")
                .responseFormat())
        .isEqualTo(new ResponseFormat.JsonObject());
  }

  @Test
  void previousResponseIdIsRefusedBecauseTheProxyKeepsNoState() {
    assertRejected(
        "{'model':'m','input':'x','previous_response_id':'resp_1'}", "previous_response_id");
    // null is what SDKs send when they mean "none".
    assertThat(decode("{'model':'m','input':'x','previous_response_id':null}").messages())
        .hasSize(1);
  }

  @Test
  void badInputIsA400NamingTheField() {
    assertRejected("not json", "not valid JSON");
    assertRejected("[1]", "must be an object");
    assertRejected("{'input':'x'}", "'model' is required");
    assertRejected("{'model':'m'}", "'input' is required");
    assertRejected("{'model':'m','input':5}", "'input' must be an array");
    assertRejected("{'model':'m','input':[{'role':'user','content':7}]}", "'input[0].content'");
    assertRejected("{'model':'m','input':[{'role':'robot','content':'x'}]}", "'input[0].role'");
    assertRejected(
        "{'model':'m','input':[{'role':'user','content':[{'type':'input_audio'}]}]}",
        "'input[0].content[0].type'");
    assertRejected(
        "{'model':'m','input':[{'type':'function_call','name':'f'}]}", "'input[0].call_id'");
    assertRejected(
        "{'model':'m','input':[{'type':'function_call_output','call_id':'c'}]}",
        "'input[0].output'");
    assertRejected("{'model':'m','input':[{'type':'item_reference','id':'x'}]}", "item_reference");
    assertRejected("{'model':'m','input':'x','temperature':'hot'}", "'temperature'");
    assertRejected("{'model':'m','input':'x','max_output_tokens':-1}", "'max_output_tokens'");
    assertRejected("{'model':'m','input':'x','reasoning':{'effort':'huge'}}", "'reasoning.effort'");
    assertRejected("{'model':'m','input':'x','tools':[{'type':'function'}]}", "'tools[0].name'");
    assertRejected("{'model':'m','input':'x','tool_choice':'maybe'}", "'tool_choice'");
    assertRejected(
        "{'model':'m','input':'x','text':{'format':{'type':'json_schema'}}}",
        "'text.format.schema'");
    assertRejected("{'model':'m','input':'x','stream':'yes'}", "'stream'");
  }

  @Test
  void hugeNestingIsA400NotACrash() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertRejected("{'model':'m','input':" + deep + "}", "not valid JSON");
  }
}
