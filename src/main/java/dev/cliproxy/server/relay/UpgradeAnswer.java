package dev.cliproxy.server.relay;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;

/**
 * What the upstream answered to a WebSocket upgrade request, recorded as Jetty's WebSocket client
 * sends it: the header fields (for a refusal, and the cookies of an accepted upgrade) and the body
 * of a refusal, which the client would otherwise drop.
 */
final class UpgradeAnswer implements JettyUpgradeListener {
  private static final int MAX_BODY = 1 << 20;

  private final UpstreamHead head = new UpstreamHead();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  @Override
  public void onHandshakeRequest(Request request) {
    request.onResponseHeader(head);
    request.onResponseContent(this::content);
  }

  private synchronized void content(Response response, ByteBuffer chunk) {
    int n = Math.min(chunk.remaining(), MAX_BODY - body.size());
    byte[] bytes = new byte[n];
    chunk.get(bytes);
    body.write(bytes, 0, n);
  }

  List<HttpField> fields() {
    return head.fields();
  }

  String value(String name) {
    return head.value(name);
  }

  synchronized byte[] body() {
    return body.toByteArray();
  }
}
