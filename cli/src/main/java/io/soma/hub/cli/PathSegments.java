package io.soma.hub.cli;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for a word that goes into a URL: a session id with a slash must not reach
 * another path.
 */
final class PathSegments {

  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private PathSegments() {}

  static String encode(String word) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (UNRESERVED.indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }
}
