package io.soma.hub.cli;

/**
 * The exit codes of {@code ./hub session}: one per kind of failure, so a script can tell them
 * apart.
 */
final class ExitCodes {

  static final int OK = 0;

  /** The CLI itself failed: a bug, reported in one line like every other failure. */
  static final int INTERNAL = 1;

  /**
   * An unknown verb or option, a missing or malformed argument, no HUB_TOKEN, an unusable HUB_URL.
   */
  static final int USAGE = 2;

  /** The hub could not be reached: connection refused, a timeout, a connection cut. */
  static final int UNREACHABLE = 3;

  /** The API refused the request (4xx): the request or the session's state is the cause. */
  static final int REFUSED = 4;

  /** The hub failed (5xx, or an answer the API never gives). */
  static final int HUB_FAILED = 5;

  private ExitCodes() {}
}
