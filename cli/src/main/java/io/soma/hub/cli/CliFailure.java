package io.soma.hub.cli;

/**
 * A failure that ends the command: its message is the one line printed on stderr, its exit code
 * says which kind it is. Thrown anywhere below {@link HubCli}, which is the only place that prints
 * it.
 */
final class CliFailure extends RuntimeException {

  private final int exitCode;

  CliFailure(int exitCode, String message) {
    // No stack trace: it is never printed, and a failure is an expected outcome here.
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CliFailure usage(String message) {
    return new CliFailure(ExitCodes.USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
