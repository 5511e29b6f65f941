package dev.cliproxy.provider.openaicompat;

import dev.cliproxy.config.ModelAlias;
import java.util.List;
import java.util.Map;

/**
 * One {@code openai-compatibility} entry: an upstream that speaks OpenAI Chat Completions.
 *
 * @param name display name; its lowercase form is the provider key
 * @param baseUrl base URL without trailing slash, e.g. {@code https://openrouter.ai/api/v1}
 * @param headers extra headers sent upstream with every request (trimmed, none empty)
 * @param apiKeyEntries keys to rotate over; the legacy {@code api-keys} list is merged in here;
 *     empty means the upstream needs no key
 * @param models models offered to clients, each with an optional alias
 * @param credentialGroup {@code credential-group}: the credential group of all its keys, empty for
 *     none
 */
public record OpenAiCompatibility(
    String name,
    String baseUrl,
    Map<String, String> headers,
    List<ApiKeyEntry> apiKeyEntries,
    List<ModelAlias> models,
    String credentialGroup) {

  /** An upstream in no credential group. */
  public OpenAiCompatibility(
      String name,
      String baseUrl,
      Map<String, String> headers,
      List<ApiKeyEntry> apiKeyEntries,
      List<ModelAlias> models) {
    this(name, baseUrl, headers, apiKeyEntries, models, "");
  }

  public OpenAiCompatibility {
    headers = Map.copyOf(headers);
    apiKeyEntries = List.copyOf(apiKeyEntries);
    models = List.copyOf(models);
  }
}
