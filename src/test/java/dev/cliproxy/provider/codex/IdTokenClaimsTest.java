package dev.cliproxy.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.testing.FakeOpenAiAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IdTokenClaimsTest {
  private static String jwt(String payloadJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  @Test
  void readsEmailAccountIdAndPlanFromARealShapedToken() {
    String token = FakeOpenAiAuth.idToken(new FakeOpenAiAuth.Identity("a@b.com", "acct-9", "pro"));

    assertThat(IdTokenClaims.parse(token)).isEqualTo(new IdTokenClaims("a@b.com", "acct-9", "pro"));
  }

  @Test
  void aClaimOfAnUnexpectedTypeIsJustAbsent() {
    String token =
        jwt(
            "{\"email\":\"a@b.com\",\"aud\":\"not-an-array\",\"exp\":\"soon\","
                + "\"https://api.openai.com/auth\":{\"chatgpt_account_id\":42,"
                + "\"chatgpt_plan_type\":\"plus\",\"organizations\":\"?\"}}");

    assertThat(IdTokenClaims.parse(token)).isEqualTo(new IdTokenClaims("a@b.com", "", "plus"));
  }

  @Test
  void paddedSegmentsAreAccepted() {
    String payload =
        Base64.getUrlEncoder()
            .encodeToString("{\"email\":\"x@y.z\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(IdTokenClaims.parse("h." + payload + ".s").email()).isEqualTo("x@y.z");
  }

  @Test
  void malformedTokensGiveNoClaimsInsteadOfFailing() throws Exception {
    for (String bad :
        new String[] {
          null,
          "",
          "no-dots",
          "a.b",
          "a.b.c.d",
          "a.!!!.c",
          "a." + Base64.getUrlEncoder().encodeToString("not json".getBytes()) + ".c",
          "a." + Base64.getUrlEncoder().encodeToString("[1,2]".getBytes()) + ".c",
          jwt(new ObjectMapper().writeValueAsString("just a string"))
        }) {
      assertThat(IdTokenClaims.parse(bad)).as(String.valueOf(bad)).isEqualTo(IdTokenClaims.NONE);
    }
  }
}
