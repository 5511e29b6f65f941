package dev.cliproxy.testing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/**
 * A non-loopback IPv4 address of this machine: connecting to it from here gives the server a peer
 * that is not loopback, for tests of rules decided by the socket address.
 */
public final class OwnAddress {
  private OwnAddress() {}

  public static Optional<InetAddress> nonLoopback() throws SocketException {
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      Optional<InetAddress> v4 =
          nic.inetAddresses()
              .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
              .findFirst();
      if (v4.isPresent()) {
        return v4;
      }
    }
    return Optional.empty();
  }
}
