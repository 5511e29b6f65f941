package dev.cliproxy.testing;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Amp's thread actor as {@link FakeAmpcode} plays it: greets with three text frames on open, echoes
 * text and binary frames as they are, answers {@code "push"} with a {@code "pushed"} frame, and
 * closes with a code and reason when told {@code "close:<code>:<reason>"}; pings are answered by
 * Jetty with pongs. Public, as Jetty calls listeners through method handles.
 */
public final class FakeAmpActor implements Session.Listener.AutoDemanding {
  /** The frames the actor sends when a WebSocket opens, in order. */
  public static final String[] GREETINGS = {"greeting 1", "greeting 2", "greeting 3"};

  private final FakeAmpcode fake;
  private Session session;

  FakeAmpActor(FakeAmpcode fake) {
    this.fake = fake;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    session.setMaxTextMessageSize(16 << 20);
    session.setMaxBinaryMessageSize(16 << 20);
    session.setMaxFrameSize(16 << 20);
    for (String greeting : GREETINGS) {
      session.sendText(greeting, Callback.NOOP);
    }
  }

  @Override
  public void onWebSocketText(String message) {
    if (message.equals("push")) {
      session.sendText("pushed", Callback.NOOP);
    } else if (message.startsWith("close:")) {
      String[] parts = message.split(":", 3);
      session.close(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : null, Callback.NOOP);
    } else {
      session.sendText(message, Callback.NOOP);
    }
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
    callback.succeed();
    session.sendBinary(copy, Callback.NOOP);
  }

  @Override
  public void onWebSocketClose(int code, String reason) {
    fake.closed(code, reason);
  }
}
