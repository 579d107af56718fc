package io.soma.hub.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus' own linter on an exposition: {@code promtool check metrics} of Debian's prometheus,
 * which {@code ./hub install} adds ({@code HUB_PROMETHEUS_DIR}, else {@code PATH}). Without it a
 * test is skipped, and fails under {@code ./hub test} (HUB_E2E_REQUIRE_TOOLS=true), which always
 * has it.
 */
public final class PromTool {

  private PromTool() {}

  /**
   * One {@code "<metric> <problem>"} line per problem, as promtool prints them; empty for a clean
   * exposition. A text promtool cannot parse is an {@link IllegalArgumentException} with its words.
   */
  public static List<String> problems(String exposition) {
    try {
      Process process =
          new ProcessBuilder(promtool().toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(exposition.getBytes(StandardCharsets.UTF_8));
      }
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool check metrics did not end within 30 s");
      }
      return switch (process.exitValue()) {
        case 0 -> List.of();
        case 3 -> output.lines().toList();
        default ->
            throw new IllegalArgumentException(output.replaceFirst("^error while linting: ", ""));
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path promtool() {
    Optional<Path> found =
        Stream.concat(
                Optional.ofNullable(System.getenv("HUB_PROMETHEUS_DIR")).stream(),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")))
            .filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, "promtool"))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    String message = "missing promtool (./hub install adds Debian's prometheus)";
    if (Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
