package dev.cliproxy.server.relay;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;

/**
 * The upstream answer's header fields exactly as they arrived, recorded while Jetty's client reads
 * them. It keeps {@code Content-Encoding} and {@code Set-Cookie} from the client itself, so the
 * client neither decodes the body nor stores cookies: both are the relayed client's business.
 */
final class UpstreamHead implements Response.HeaderListener {
  private static final Set<String> KEPT_FROM_CLIENT =
      Set.of("content-encoding", "set-cookie", "set-cookie2");

  private final List<HttpField> fields = new CopyOnWriteArrayList<>();

  @Override
  public boolean onHeader(Response response, HttpField field) {
    fields.add(field);
    return !KEPT_FROM_CLIENT.contains(field.getLowerCaseName());
  }

  List<HttpField> fields() {
    return List.copyOf(fields);
  }

  /** The first value of a header (any case), or null. */
  String value(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return fields.stream()
        .filter(f -> f.getLowerCaseName().equals(lower))
        .map(HttpField::getValue)
        .findFirst()
        .orElse(null);
  }
}
