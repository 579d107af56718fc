package io.soma.hub.e2e.airflow;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python-side commands (airflow CLI, pytest) to completion with an environment of their own;
 * each output is kept in target/e2e-logs/airflow-&lt;what&gt;-*.log for a look after a failure.
 */
final class AirflowCommands {

  record Result(int exitCode, String output) {}

  private AirflowCommands() {}

  static Result run(
      Path directory, Map<String, String> environment, Duration timeout, List<String> command) {
    Path log = newLog(Path.of(command.get(command.size() > 1 ? 1 : 0)).getFileName().toString());
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      // The developer's own Airflow settings must not reach the test's Airflow.
      builder
          .environment()
          .keySet()
          .removeIf(key -> key.startsWith("AIRFLOW") || key.equals("LOKI_URL"));
      builder.environment().putAll(environment);
      Process process = builder.start();
      boolean exited = awaitExit(process, log, timeout);
      if (!exited) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      return exited
          ? new Result(process.exitValue(), output)
          : new Result(-1, output + "\n(timed out after " + timeout + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /**
   * Waits for the command, with one known Airflow 3 fault taken out of its way: at the end of
   * {@code dags test --use-executor}, the LocalExecutor sometimes leaves a worker idle without its
   * shutdown message and then joins it for ever (apache/airflow#45329, #67870). Such a worker has
   * no task left, so stopping it lets the command end with its own exit code; nothing else is
   * touched.
   */
  private static boolean awaitExit(Process process, Path log, Duration timeout)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long shuttingDownSince = 0;
    while (!process.waitFor(1, TimeUnit.SECONDS)) {
      long now = System.nanoTime();
      if (now > deadline) {
        return false;
      }
      if (shuttingDownSince == 0
          && Files.readString(log, StandardCharsets.UTF_8).contains(EXECUTOR_SHUTDOWN)) {
        shuttingDownSince = now;
      } else if (shuttingDownSince != 0 && now - shuttingDownSince > STUCK_SHUTDOWN.toNanos()) {
        process
            .descendants()
            .filter(AirflowCommands::isIdleExecutorWorker)
            .forEach(ProcessHandle::destroy);
      }
    }
    return true;
  }

  private static final String EXECUTOR_SHUTDOWN = "Shutting down LocalExecutor";
  private static final Duration STUCK_SHUTDOWN = Duration.ofSeconds(20);

  /** A LocalExecutor worker waiting for work: its process title (setproctitle) ends in "<idle>". */
  private static boolean isIdleExecutorWorker(ProcessHandle process) {
    try {
      String title =
          Files.readString(
              Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8);
      return title.contains("LocalExecutor") && title.replace("\0", " ").trim().endsWith("<idle>");
    } catch (IOException e) {
      return false; // gone already
    }
  }

  static Path newLog(String what) {
    try {
      Path directory =
          Files.createDirectories(Path.of(System.getProperty("hub.logs", "target/e2e-logs")));
      return Files.createTempFile(
          directory, "airflow-" + what.replaceAll("[^A-Za-z0-9_.-]", "_") + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
