package io.soma.hub.e2e.fuzz;

import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.LocalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Schemathesis against a running hub's OpenAPI document, with every check on
 * (e2e/src/test/resources/schemathesis.toml says where a check's expected statuses are widened, and
 * why): positive and negative examples, boundary coverage, and stateful sequences that follow the
 * document's links.
 *
 * @param examples test cases per operation and phase
 * @param seed fixed, so that a run can be repeated exactly
 */
record ApiFuzzer(int examples, long seed) {

  private static final Path CONFIG =
      HubJars.root().resolve("e2e/src/test/resources/schemathesis.toml");

  /** What a run printed, and whether it found nothing. */
  record Run(int exitCode, String output, Path log) {
    boolean foundNothing() {
      return exitCode == 0;
    }

    /** From the summary on: the phases, failures, warnings and counts. */
    String summary() {
      int at = output.lastIndexOf("=== SUMMARY");
      return at < 0 ? output : output.substring(output.lastIndexOf('\n', at) + 1);
    }
  }

  Run run(String documentUrl, String token, Path directory, Duration timeout) {
    List<String> command =
        List.of(
            LocalTools.schemathesis().toString(),
            "--config-file",
            CONFIG.toString(),
            "run",
            documentUrl,
            "--checks",
            "all",
            "--header",
            "Authorization: Bearer " + token,
            "--seed",
            Long.toString(seed),
            "--max-examples",
            Integer.toString(examples),
            "--workers",
            "1",
            "--no-color",
            "--report",
            "junit",
            "--report-dir",
            directory.resolve("report").toString());
    try {
      Files.createDirectories(directory);
      Path log = directory.resolve("schemathesis.log");
      // The output goes to a file, so that a run printing more than a pipe holds cannot block.
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("Schemathesis did not finish in " + timeout + "; its log: " + log);
      }
      return new Run(process.exitValue(), Files.readString(log), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
