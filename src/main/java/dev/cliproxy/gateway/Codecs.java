package dev.cliproxy.gateway;

import dev.cliproxy.dialect.claude.ClaudeCodec;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.dialect.model.Dialect;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.dialect.openai.OpenAiChatCodec;
import dev.cliproxy.dialect.responses.ResponsesCodec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The codec of every dialect, looked up by dialect. */
public final class Codecs {
  private final Map<Dialect, DialectCodec> byDialect;

  /** The codecs of the four dialects the proxy speaks, as the proxy and its tests use them. */
  public static Codecs standard() {
    return new Codecs(
        List.of(new OpenAiChatCodec(), new ResponsesCodec(), new ClaudeCodec(), new GeminiCodec()));
  }

  public Codecs(List<DialectCodec> codecs) {
    EnumMap<Dialect, DialectCodec> map = new EnumMap<>(Dialect.class);
    for (DialectCodec codec : codecs) {
      map.put(codec.dialect(), codec);
    }
    this.byDialect = map;
  }

  /** The codec for a dialect. */
  public DialectCodec of(Dialect dialect) {
    DialectCodec codec = byDialect.get(dialect);
    if (codec == null) {
      throw new IllegalStateException("no codec for " + dialect);
    }
    return codec;
  }
}
