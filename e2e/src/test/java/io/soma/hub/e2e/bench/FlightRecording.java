package io.soma.hub.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JFR recording of another JVM of the benchmark, started and stopped with jcmd. */
final class FlightRecording {

  private static final String NAME = "soma-bench";

  private final long pid;
  private final Path file;

  private FlightRecording(long pid, Path file) {
    this.pid = pid;
    this.file = file;
  }

  static FlightRecording start(long pid, Path file) {
    FlightRecording recording = new FlightRecording(pid, file);
    recording.jcmd("JFR.start", "name=" + NAME, "settings=profile", "filename=" + file);
    return recording;
  }

  /** Stops the recording and writes it to its file. */
  Path stop() {
    jcmd("JFR.stop", "name=" + NAME);
    return file;
  }

  private void jcmd(String... command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
