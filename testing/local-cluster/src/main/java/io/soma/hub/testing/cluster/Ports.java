package io.soma.hub.testing.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free ports for the processes a test starts (the local cluster's, e2e's), taken below the kernel's
 * ephemeral range (32768–60999): a port the kernel hands out as port 0 can also become the source
 * port of any outgoing connection (a JDBC or gRPC client of another process) between the moment it
 * is chosen and the moment the process binds it, which made a function fail to start with "port
 * already in use" in CI. Ports are handed out in turn, so one JVM never gives the same port twice
 * (the local cluster's, each taken from port 0 and released at once, gave etcd the same port as
 * client and peer in one run); each is checked bindable on every interface and on loopback. The
 * cluster's fixed ports (10248–19095) lie below the range. Every port is also below 32768, so a
 * program that keeps ports in a SMALLINT (Temporal's membership) can take it.
 */
public final class Ports {

  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final AtomicInteger NEXT =
      new AtomicInteger(FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST));

  private Ports() {}

  public static int free() {
    for (int attempt = 0; attempt < LAST - FIRST; attempt++) {
      int port = FIRST + Math.floorMod(NEXT.getAndIncrement() - FIRST, LAST - FIRST);
      if (bindable(new InetSocketAddress(port))
          && bindable(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
        return port;
      }
    }
    throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
  }

  private static boolean bindable(InetSocketAddress address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(address, 1);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
