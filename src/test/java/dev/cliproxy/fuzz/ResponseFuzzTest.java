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
    Codecs.upstreamInput(() -> Codecs.OPENAI.decodeResponse(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void responses(byte[] body) {
    Codecs.upstreamInput(() -> Codecs.RESPONSES.decodeResponse(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void claude(byte[] body) {
    Codecs.upstreamInput(() -> Codecs.CLAUDE.decodeResponse(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void gemini(byte[] body) {
    Codecs.upstreamInput(() -> Codecs.GEMINI.decodeResponse(body));
  }

  @FuzzTest(maxDuration = FuzzLimits.MAX_DURATION)
  void geminiCli(byte[] body) {
    Codecs.upstreamInput(() -> Codecs.GEMINI_CLI.decodeResponse(body));
  }
}
