package dev.cliproxy.server;

import dev.cliproxy.provider.ClientHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/** The client's headers as providers may see them: the proxy's client keys are never among them. */
final class ProviderHeaders {
  /** Headers that carry this proxy's client keys (see ClientKeyCheck) or other client secrets. */
  private static final Set<String> CLIENT_KEY_HEADERS =
      Set.of("authorization", "x-api-key", "x-goog-api-key", "proxy-authorization", "cookie");

  private ProviderHeaders() {}

  static ClientHeaders of(Request request) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      String name = field.getLowerCaseName();
      if (!CLIENT_KEY_HEADERS.contains(name)) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(field.getValue());
      }
    }
    return new ClientHeaders(byName);
  }
}
