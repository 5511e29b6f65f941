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
    FuzzTargets.clientInput(() -> FuzzTargets.OPENAI.decodeRequest(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void responses(byte[] body) {
    FuzzTargets.clientInput(() -> FuzzTargets.RESPONSES.decodeRequest(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void claude(byte[] body) {
    FuzzTargets.clientInput(() -> FuzzTargets.CLAUDE.decodeRequest(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void gemini(byte[] body) {
    FuzzTargets.clientInput(() -> FuzzTargets.GEMINI.decodeRequest(body, "gemini-fuzz", true));
    FuzzTargets.clientInput(() -> FuzzTargets.GEMINI.decodeRequest(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void geminiCli(byte[] body) {
    FuzzTargets.clientInput(() -> FuzzTargets.GEMINI_CLI.decodeRequest(body, true));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void requestHead(byte[] body) {
    FuzzTargets.clientInput(() -> RequestHead.read(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void legacyCompletions(byte[] body) {
    FuzzTargets.clientInput(() -> LegacyCompletions.toChatRequest(body));
  }
}
