package io.soma.hub.knative.cli;

/** A failure the CLI reports as one line on stderr and turns into its exit code. */
public final class CliFailure extends RuntimeException {

  /** The operation ran but did not succeed, e.g. a Service that never became Ready. */
  public static final int FAILED = 1;

  /** The command line was wrong; nothing was sent to the cluster. */
  public static final int USAGE = 2;

  /** The cluster could not be used: unreachable, no permission, Knative not installed. */
  public static final int CLUSTER = 3;

  private final int exitCode;

  private CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliFailure failed(String message) {
    return new CliFailure(FAILED, message, null);
  }

  public static CliFailure failed(String message, Throwable cause) {
    return new CliFailure(FAILED, message, cause);
  }

  public static CliFailure usage(String message) {
    return new CliFailure(USAGE, message, null);
  }

  public static CliFailure cluster(String message, Throwable cause) {
    return new CliFailure(CLUSTER, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
