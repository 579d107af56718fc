package io.soma.hub.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Starts long-running child processes with their output appended to a log file, stops them, and
 * makes sure none outlives the test JVM even when a test forgets to close one.
 */
final class ChildProcesses {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> RUNNING.forEach(ChildProcesses::killTree), "e2e-child-process-reaper"));
  }

  private ChildProcesses() {}

  /**
   * The log directory: target/e2e-logs of the e2e module (set by the build), or of the working
   * directory.
   */
  private static Path logDirectory() {
    Path directory = Path.of(System.getProperty("hub.logs", "target/e2e-logs"));
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A log file of its own for a process: name.log, or name-2.log and so on when that is taken. */
  static synchronized Path newLog(String name) {
    Path directory = logDirectory();
    Path log = directory.resolve(name + ".log");
    for (int n = 2; Files.exists(log); n++) {
      log = directory.resolve(name + "-" + n + ".log");
    }
    try {
      return Files.createFile(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Process start(
      String name, List<String> command, Map<String, String> environment, Path log) {
    try {
      Files.writeString(
          log,
          "---- " + Instant.now() + " starting " + name + ": " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      // Whatever HUB_* the developer's shell has must not leak into a test's hub.
      builder.environment().keySet().removeIf(key -> key.startsWith("HUB_") || key.equals("PORT"));
      builder.environment().putAll(environment);
      Process process = builder.start();
      RUNNING.add(process);
      process.onExit().thenAccept(RUNNING::remove);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** SIGTERM, then SIGKILL after the grace period. */
  static void terminate(Process process, Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        process.waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(process);
    }
  }

  static void kill(Process process) {
    if (process == null) {
      return;
    }
    killTree(process);
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * Polls {@code ready} until it holds; fails with the log's tail when the process exits first or
   * the time is up.
   *
   * @param name the process in the failure, e.g. "the Temporal server"
   * @param what what was awaited, e.g. "namespace default"
   */
  static void await(
      Process process,
      Path log,
      String name,
      String what,
      Duration timeout,
      Duration interval,
      BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + "; last lines of "
                + log
                + ":\n"
                + tail(log, 40));
      }
      if (ready.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(
        what + " not ready within " + timeout + "; last lines of " + log + ":\n" + tail(log, 40));
  }

  static String tail(Path log, int lines) {
    try {
      if (!Files.exists(log)) {
        return "(no log at " + log + ")";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
