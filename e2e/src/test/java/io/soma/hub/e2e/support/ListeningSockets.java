package io.soma.hub.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from /proc as {@code ss -ltnp} does: the inodes of its
 * socket file descriptors, matched against the LISTEN rows of /proc/net/tcp and tcp6. Addresses as
 * text: {@code 127.0.0.1:8080}, {@code 0.0.0.0:8080}, {@code [::]:8080}, {@code
 * [::ffff:127.0.0.1]:8080}.
 */
public final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  public static List<String> of(long pid) {
    Set<String> inodes = socketInodes(pid);
    List<String> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String row : lines(Path.of(table)).stream().skip(1).toList()) {
        String[] fields = row.trim().split("\\s+");
        if (LISTEN.equals(fields[3]) && inodes.contains(fields[9])) {
          addresses.add(address(fields[1]));
        }
      }
    }
    return addresses;
  }

  /** Whether an address (as {@link #of} gives it) is a loopback one. */
  public static boolean loopback(String address) {
    return address.startsWith("127.")
        || address.startsWith("[::1]")
        || address.startsWith("[::ffff:127.");
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // a descriptor closed while listing
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inodes;
  }

  /**
   * {@code 0100007F:1F90} (IPv4, little-endian) or 32 hex digits (IPv6, four little-endian words)
   * and a port.
   */
  private static String address(String hex) {
    String[] parts = hex.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String host = parts[0];
    if (host.length() == 8) {
      return ipv4(host, 0) + ":" + port;
    }
    if (host.startsWith("0000000000000000FFFF0000")) {
      return "[::ffff:" + ipv4(host, 24) + "]:" + port;
    }
    StringBuilder v6 = new StringBuilder();
    for (int word = 0; word < 4; word++) {
      String w = host.substring(word * 8, word * 8 + 8);
      for (int b = 3; b >= 0; b--) {
        v6.append(w, b * 2, b * 2 + 2);
      }
    }
    String full = v6.toString().toLowerCase();
    String compact =
        full.equals("0".repeat(32)) ? "::" : full.equals("0".repeat(31) + "1") ? "::1" : full;
    return "[" + compact + "]:" + port;
  }

  private static String ipv4(String hex, int offset) {
    return Integer.parseInt(hex.substring(offset + 6, offset + 8), 16)
        + "."
        + Integer.parseInt(hex.substring(offset + 4, offset + 6), 16)
        + "."
        + Integer.parseInt(hex.substring(offset + 2, offset + 4), 16)
        + "."
        + Integer.parseInt(hex.substring(offset, offset + 2), 16);
  }

  private static List<String> lines(Path table) {
    try {
      return Files.readAllLines(table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
