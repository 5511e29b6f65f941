package dev.cliproxy.dialect.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignatureCarrierTest {
  private static final Signature CLAUDE = new Signature(Dialect.CLAUDE, "EqQBCkgIARABGAIiQL==");
  private static final Signature CODEX =
      new Signature(Dialect.OPENAI_RESPONSES, "gAAAAABo-fernet_token-with_url-safe==");

  @Test
  void theCarrierIsBase64OfAMarkedPrefixTheOriginAndTheValue() {
    String carried = CLAUDE.forClient(Dialect.OPENAI_RESPONSES).orElseThrow();
    assertThat(carried).startsWith(SignatureCarrier.MARKER).startsWith("Y2xpcHJveHktc2lnLTE6");
    assertThat(new String(Base64.getDecoder().decode(carried), StandardCharsets.UTF_8))
        .isEqualTo("cliproxy-sig-1:claude:EqQBCkgIARABGAIiQL==");
    assertThat(
            new String(
                Base64.getDecoder().decode(CODEX.forClient(Dialect.CLAUDE).orElseThrow()),
                StandardCharsets.UTF_8))
        .isEqualTo("cliproxy-sig-1:responses:" + CODEX.value());
  }

  @Test
  void readingTheCarrierInAnyDialectGivesBackTheOriginalSignature() {
    for (Dialect client : Dialect.values()) {
      for (Signature s : new Signature[] {CLAUDE, CODEX}) {
        if (s.origin() == client) {
          continue;
        }
        String carried = s.forClient(client).orElseThrow();
        assertThat(Signature.read(client, carried)).isEqualTo(s);
      }
    }
  }

  @Test
  void aDialectsOwnValueIsWrittenVerbatimAndReadAsItsOwn() {
    assertThat(CLAUDE.forClient(Dialect.CLAUDE)).contains(CLAUDE.value());
    assertThat(Signature.read(Dialect.CLAUDE, CLAUDE.value())).isEqualTo(CLAUDE);
    assertThat(Signature.read(Dialect.OPENAI_RESPONSES, CODEX.value())).isEqualTo(CODEX);
  }

  @Test
  void upstreamsGetOnlyTheirOwnSignatures() {
    assertThat(CLAUDE.forUpstream(Dialect.CLAUDE)).contains(CLAUDE.value());
    assertThat(CLAUDE.forUpstream(Dialect.OPENAI_RESPONSES)).isEmpty();
    assertThat(CODEX.forUpstream(Dialect.CLAUDE)).isEmpty();
    assertThat(CODEX.forUpstream(Dialect.GEMINI)).isEmpty();
  }

  @Test
  void geminisSignaturesAreNotCarriedThroughOtherClients() {
    Signature gemini = new Signature(Dialect.GEMINI, "CiQBjz1rX");
    assertThat(gemini.forClient(Dialect.CLAUDE)).isEmpty();
    assertThat(gemini.forClient(Dialect.OPENAI_RESPONSES)).isEmpty();
    assertThat(gemini.forClient(Dialect.GEMINI)).contains("CiQBjz1rX");
  }

  @Test
  void lookalikesAndBrokenCarriersAreTheWiresOwnValues() {
    String unknownOrigin =
        Base64.getEncoder()
            .encodeToString("cliproxy-sig-1:mystery:v".getBytes(StandardCharsets.UTF_8));
    String emptyValue =
        Base64.getEncoder()
            .encodeToString("cliproxy-sig-1:claude:".getBytes(StandardCharsets.UTF_8));
    for (String value :
        new String[] {
          unknownOrigin,
          emptyValue,
          SignatureCarrier.MARKER + "!!not base64",
          SignatureCarrier.MARKER
        }) {
      assertThat(Signature.read(Dialect.CLAUDE, value))
          .isEqualTo(new Signature(Dialect.CLAUDE, value));
    }
  }

  @Test
  void aClientThatKeepsThoughtSignaturesAsBytesSendsBackTheSameText() throws Exception {
    // google-genai stores thoughtSignature as byte[] and writes it again as base64.
    ObjectMapper json = new ObjectMapper();
    String carried = CODEX.forClient(Dialect.GEMINI).orElseThrow();
    byte[] bytes = json.readValue(json.writeValueAsString(carried), byte[].class);
    String again = json.readValue(json.writeValueAsString(bytes), String.class);
    assertThat(again).isEqualTo(carried);
  }

  @Test
  void aBodyHoldingACarriedValueIsRecognised() {
    String carried = CLAUDE.forClient(Dialect.OPENAI_RESPONSES).orElseThrow();
    assertThat(
            SignatureCarrier.isCarriedIn(
                ("{\"input\":[{\"type\":\"reasoning\",\"encrypted_content\":\"" + carried + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(
            SignatureCarrier.isCarriedIn(
                "{\"encrypted_content\":\"gAAAA\"}".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(SignatureCarrier.isCarriedIn(new byte[0])).isFalse();
  }

  @Test
  void theMarkerIsFoundAtEveryPositionAndNearMissesAreNot() {
    String marker = SignatureCarrier.MARKER;
    String filler = "Y2xpY2xpcHJ2eHktc2lnLTE".repeat(3); // shares prefixes and letters
    for (int at = 0; at <= filler.length(); at++) {
      String body = filler.substring(0, at) + marker + filler.substring(at);
      assertThat(SignatureCarrier.isCarriedIn(body.getBytes(StandardCharsets.US_ASCII)))
          .as("marker at %d", at)
          .isTrue();
    }
    for (int cut = 0; cut < marker.length(); cut++) {
      String damaged = marker.substring(0, cut) + "#" + marker.substring(cut + 1);
      assertThat(
              SignatureCarrier.isCarriedIn(
                  (filler + damaged + filler).getBytes(StandardCharsets.US_ASCII)))
          .as("one byte changed at %d", cut)
          .isFalse();
    }
    assertThat(
            SignatureCarrier.isCarriedIn(marker.substring(1).getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
  }
}
