package io.soma.hub.e2e.support;

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

/** Runs short helper commands (CLIs, pg_ctl) to completion. */
public final class Commands {

  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private Commands() {}

  static Result run(Path workingDirectory, Duration timeout, List<String> command) {
    return run(workingDirectory, timeout, Map.of(), command);
  }

  /** The command with these variables added to this process's environment. */
  public static Result run(
      Path workingDirectory, Duration timeout, Map<String, String> env, List<String> command) {
    Path output = null;
    try {
      // A file, not a pipe: a hanging command that keeps its output open cannot block the timeout.
      output = Files.createTempFile("hub-command", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workingDirectory == null ? null : workingDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(env);
      Process process = builder.start();
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.destroyForcibly().waitFor();
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      return exited
          ? new Result(process.exitValue(), text)
          : new Result(-1, text + "\n(timed out)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  static Result require(Path workingDirectory, Duration timeout, List<String> command) {
    Result result = run(workingDirectory, timeout, command);
    if (!result.ok()) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " failed with "
              + result.exitCode()
              + ":\n"
              + result.output());
    }
    return result;
  }
}
