package io.soma.hub.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's {@code promtool}: {@code check metrics}, the linter Prometheus users run on an
 * exposition, and {@code check rules} / {@code test rules} for alerting rule files and their unit
 * tests.
 */
public final class PromTool {

  private PromTool() {}

  /** The problems promtool reports for this exposition; empty when it has none. */
  public static String checkMetrics(String exposition) {
    Path promtool = promtool();
    try {
      Path input = Files.createTempFile("hub-metrics", ".txt");
      try {
        Files.writeString(input, exposition);
        // promtool reads the exposition on stdin; a shell redirect keeps Commands' stdin handling
        // as it is.
        Commands.Result result =
            Commands.run(
                null,
                Duration.ofSeconds(30),
                List.of(
                    "sh",
                    "-c",
                    "exec \"$0\" check metrics < \"$1\"",
                    promtool.toString(),
                    input.toString()));
        return result.ok()
            ? result.output().strip()
            : "exit " + result.exitCode() + ": " + result.output().strip();
      } finally {
        Files.deleteIfExists(input);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code promtool check rules FILE}: exit code and output. */
  public static Commands.Result checkRules(Path rules) {
    return Commands.run(
        null,
        Duration.ofSeconds(30),
        List.of(promtool().toString(), "check", "rules", rules.toString()));
  }

  /**
   * {@code promtool test rules FILE}, run in the test file's directory (its rule_files are relative
   * to it).
   */
  public static Commands.Result testRules(Path tests) {
    return Commands.run(
        tests.getParent(),
        Duration.ofSeconds(60),
        List.of(promtool().toString(), "test", "rules", tests.getFileName().toString()));
  }

  private static Path promtool() {
    return LocalTools.prometheusDir().resolve("promtool");
  }
}
