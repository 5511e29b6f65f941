package dev.cliproxy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.dialect.openai.LegacyCompletions;

/**
 * Client request bodies: whatever bytes a client sends, each decoder either accepts them or refuses
 * them with a 4xx {@link dev.cliproxy.dialect.ProxyException}; never another exception, never a
 * 5xx. Seeds: {@code src/test/resources/dev/cliproxy/fuzz/RequestFuzzTestInputs/<method>/}.
 */
class RequestFuzzTest {

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void openAiChat(byte[] body) {
    Codecs.clientInput(() -> Codecs.OPENAI.decodeRequest(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void responses(byte[] body) {
    Codecs.clientInput(() -> Codecs.RESPONSES.decodeRequest(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void claude(byte[] body) {
    Codecs.clientInput(() -> Codecs.CLAUDE.decodeRequest(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void gemini(byte[] body) {
    Codecs.clientInput(() -> Codecs.GEMINI.decodeRequest(body, "gemini-fuzz", true));
    Codecs.clientInput(() -> Codecs.GEMINI.decodeRequest(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void geminiCli(byte[] body) {
    Codecs.clientInput(() -> Codecs.GEMINI_CLI.decodeRequest(body, true));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void requestHead(byte[] body) {
    Codecs.clientInput(() -> RequestHead.read(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void legacyCompletions(byte[] body) {
    Codecs.clientInput(() -> LegacyCompletions.toChatRequest(body));
  }
}
