package io.soma.hub.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's {@code promtool check metrics}: the linter Prometheus users run on an exposition. */
public final class PromTool {

  private PromTool() {}

  /** The problems promtool reports for this exposition; empty when it has none. */
  public static String checkMetrics(String exposition) {
    Path promtool = LocalTools.prometheusDir().resolve("promtool");
    try {
      Path input = Files.createTempFile("hub-metrics", ".txt");
      try {
        Files.writeString(input, exposition);
        // promtool reads the exposition on stdin; a shell redirect keeps Commands' stdin handling as it is.
        Commands.Result result =
            Commands.run(
                null,
                Duration.ofSeconds(30),
                List.of("sh", "-c", "exec \"$0\" check metrics < \"$1\"", promtool.toString(), input.toString()));
        return result.ok() ? result.output().strip() : "exit " + result.exitCode() + ": " + result.output().strip();
      } finally {
        Files.deleteIfExists(input);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
