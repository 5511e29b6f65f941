package dev.cliproxy.provider.openaicompat;

import dev.cliproxy.config.ProxyUrl;
import java.util.Optional;

/** An {@code openai-compatibility} API key with its own optional outbound proxy. */
public record ApiKeyEntry(String apiKey, Optional<ProxyUrl> proxyUrl) {
  @Override
  public String toString() {
    return "ApiKeyEntry[apiKey=<redacted>, proxyUrl=" + proxyUrl + "]";
  }
}
