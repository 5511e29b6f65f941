package dev.cliproxy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Upstream whole answers: whatever bytes an upstream sends, each decoder either accepts them or
 * refuses them with a 502 {@link dev.cliproxy.dialect.ProxyException}. Seeds: {@code
 * src/test/resources/dev/cliproxy/fuzz/ResponseFuzzTestInputs/<method>/}.
 */
class ResponseFuzzTest {

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void openAiChat(byte[] body) {
    FuzzTargets.upstreamInput(() -> FuzzTargets.OPENAI.decodeResponse(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void responses(byte[] body) {
    FuzzTargets.upstreamInput(() -> FuzzTargets.RESPONSES.decodeResponse(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void claude(byte[] body) {
    FuzzTargets.upstreamInput(() -> FuzzTargets.CLAUDE.decodeResponse(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void gemini(byte[] body) {
    FuzzTargets.upstreamInput(() -> FuzzTargets.GEMINI.decodeResponse(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void geminiCli(byte[] body) {
    FuzzTargets.upstreamInput(() -> FuzzTargets.GEMINI_CLI.decodeResponse(body));
  }
}
