package dev.cliproxy.server;

import java.net.InetSocketAddress;

/**
 * Whether a request comes from this machine, judged by its TCP peer alone: a loopback address (all
 * of 127.0.0.0/8 and {@code ::1}). What headers such as {@code X-Forwarded-For}, {@code X-Real-IP}
 * or {@code Forwarded} claim is never asked: anyone can send them. Used by the routes open to this
 * machine only (Amp's management routes, {@code /metrics}, the management API unless allowed).
 */
public final class LoopbackPeer {
  private LoopbackPeer() {}

  /** Whether a peer is this machine. */
  public static boolean admits(InetSocketAddress peer) {
    return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
  }
}
