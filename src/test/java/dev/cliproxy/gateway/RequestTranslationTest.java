package dev.cliproxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.auth.Credential;
import dev.cliproxy.dialect.RequestHead;
import dev.cliproxy.dialect.gemini.GeminiCliEnvelope;
import dev.cliproxy.dialect.gemini.GeminiCodec;
import dev.cliproxy.dialect.model.DialectCodec;
import dev.cliproxy.provider.ClientHeaders;
import dev.cliproxy.provider.ModelOffer;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.UpstreamCall;
import dev.cliproxy.provider.UpstreamProtocol;
import dev.cliproxy.provider.UpstreamRequest;
import dev.cliproxy.provider.google.GeminiApiFailures;
import dev.cliproxy.testing.FixedContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a client's body goes upstream as it is, and when it is translated. */
class RequestTranslationTest {
  private static final String GEMINI_BODY =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
          + "\"generationConfig\":{\"temperature\":0.5}}";

  /** A Gemini upstream speaking the plain format or the Code Assist envelope. */
  private record GeminiUpstream(DialectCodec codec) implements Provider {
    @Override
    public String key() {
      return "gemini";
    }

    @Override
    public List<Credential> credentials() {
      return List.of();
    }

    @Override
    public List<ModelOffer> models() {
      return List.of();
    }

    @Override
    public UpstreamProtocol protocol() {
      return UpstreamProtocol.of(codec, GeminiApiFailures.INSTANCE);
    }

    @Override
    public UpstreamRequest prepare(Credential credential, UpstreamCall call) {
      throw new UnsupportedOperationException();
    }
  }

  private static RequestTranslation.Prepared prepared(DialectCodec upstream) {
    byte[] body = GEMINI_BODY.getBytes(StandardCharsets.UTF_8);
    ClientRequest request =
        new ClientRequest(
            ClientApi.GEMINI,
            body,
            RequestHead.read(body),
            Optional.of("gemini-alias"),
            false,
            ClientHeaders.NONE,
            new RequestTrace());
    return new RequestTranslation(request, Codecs.standard(), FixedContext.create())
        .forRoute(
            new ModelCatalog.Route(new GeminiUpstream(upstream), "gemini-2.5-flash", List.of()),
            false);
  }

  @Test
  void aGeminiBodyWhoseModelIsInThePathGoesToAPlainGeminiUpstreamAsItIs() {
    RequestTranslation.Prepared prepared = prepared(new GeminiCodec());

    assertThat(prepared.passthrough()).isTrue();
    assertThat(new String(prepared.body().bytes(), StandardCharsets.UTF_8)).isEqualTo(GEMINI_BODY);
  }

  @Test
  void aGeminiBodyIsStillWrappedForACodeAssistUpstream() {
    RequestTranslation.Prepared prepared = prepared(new GeminiCliEnvelope(new GeminiCodec()));

    assertThat(prepared.passthrough()).isFalse();
  }
}
