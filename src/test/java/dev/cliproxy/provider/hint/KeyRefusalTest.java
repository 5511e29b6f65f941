package dev.cliproxy.provider.hint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.provider.Refusal;
import dev.cliproxy.provider.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRefusalTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final Set<String> NO_ACCESS = Set.of("permission_error");

  private static Optional<String> why(int status, String body, boolean apiKey) {
    return KeyRefusal.why(
        new Refusal(
            status, UpstreamHeaders.NONE, body.getBytes(StandardCharsets.UTF_8), NOW, apiKey),
        NO_ACCESS);
  }

  @Test
  void a401ToAnApiKeyIsAWrongKeyNamedByItsCode() {
    assertThat(why(401, "{\"error\":{\"code\":\"invalid_api_key\",\"type\":\"x\"}}", true))
        .hasValue("the upstream says the API key is invalid (401 invalid_api_key)");
    assertThat(why(401, "Unauthorized", true))
        .hasValue("the upstream says the API key is invalid (401)");
  }

  @Test
  void a403IsAWrongKeyOnlyWithACodeThatSaysSo() {
    String permission =
        "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"no\"}}";
    assertThat(why(403, permission, true))
        .hasValue("the upstream says the API key has no access (403 permission_error)");
    assertThat(why(403, "{\"error\":{\"code\":\"unsupported_country_region_territory\"}}", true))
        .isEmpty();
    assertThat(why(403, "<html>Forbidden</html>", true)).isEmpty();
  }

  @Test
  void accountsAndOtherStatusesAreNeverAWrongKey() {
    assertThat(why(401, "{\"error\":{\"code\":\"invalid_api_key\"}}", false)).isEmpty();
    assertThat(why(403, "{\"error\":{\"type\":\"permission_error\"}}", false)).isEmpty();
    assertThat(why(429, "{\"error\":{\"code\":\"invalid_api_key\"}}", true)).isEmpty();
    assertThat(why(400, "{\"error\":{\"type\":\"permission_error\"}}", true)).isEmpty();
  }
}
