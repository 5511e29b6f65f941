package dev.cliproxy.provider.openaicompat;

import dev.cliproxy.auth.Account;
import dev.cliproxy.config.Config;
import dev.cliproxy.config.ConfigSchema;
import dev.cliproxy.config.ConfigSection;
import dev.cliproxy.provider.Provider;
import dev.cliproxy.provider.ProviderKind;
import java.util.List;

/**
 * OpenAI-compatible upstreams (OpenRouter, vLLM, a company gateway) from the {@code
 * openai-compatibility} list, one {@link OpenAiCompatProvider} per entry; no accounts, no login.
 */
public final class OpenAiCompatKind implements ProviderKind {
  /** The {@code openai-compatibility} list: the enabled upstreams in file order. */
  public static final ConfigSection<List<OpenAiCompatibility>> UPSTREAMS =
      OpenAiCompatSection.SECTION;

  private static final ConfigSchema CONFIG = ConfigSchema.EMPTY.withSection(UPSTREAMS);

  @Override
  public String name() {
    return UPSTREAMS.key();
  }

  @Override
  public ConfigSchema configSchema() {
    return CONFIG;
  }

  @Override
  public List<Provider> providers(Config config, List<Account> accounts) {
    return config.section(UPSTREAMS).stream().<Provider>map(OpenAiCompatProvider::from).toList();
  }
}
