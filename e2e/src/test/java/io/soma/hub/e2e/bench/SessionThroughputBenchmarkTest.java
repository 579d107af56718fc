package io.soma.hub.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.RequiresHubJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sessions benchmark, in one run on one Temporal (the dev server, or the server built from
 * source): issue 2's accept rate of {@code POST /v1/sessions} against the raw Temporal client start
 * of the same workflow, and issue 16's sessions completed against a minimal four-activity workflow
 * ({@link CompletionRun}), whose ratio is the headline. It reports figures, and fails only when a
 * session fails: how fast is for the report to say, not for an assertion.
 */
@Tag("bench")
@RequiresHubJars
class SessionThroughputBenchmarkTest {

  @Test
  void gatewayAcceptRateAgainstRawTemporalStarts() {
    BenchSettings settings = BenchSettings.fromSystemProperties();
    Path output = outputDirectory();
    List<StoreFigures> stores = new ArrayList<>();
    for (String store : settings.stores()) {
      StoreRun.Result result = new StoreRun(settings, output).measure(store);
      StoreFigures figures = StoreFigures.of(result);
      stores.add(figures);
      if (result.profile() != null) {
        System.out.println("bench [" + store + "] functions profile: " + result.profile());
      }
      System.out.printf(
          "bench [%s] accept ratio %.2f, completed ratio %.2f, single p50 ratio %.2f%n",
          store,
          figures.acceptRatio(),
          figures.completions().ratio(),
          figures.completions().latencyRatio());
    }

    BenchmarkReport report = new BenchmarkReport(Machine.current(), settings, stores);
    report.writeInto(HubJars.root().resolve("docs/benchmarks.md"));
    write(output.resolve("ratio"), report.ratioLine() + "\n");
    System.out.println(report.section());
    System.out.println(report.ratioLine());

    for (StoreFigures store : stores) {
      assertThat(store.failures()).as("failed starts and sessions on " + store.store()).isEmpty();
    }
  }

  private static Path outputDirectory() {
    try {
      return Files.createDirectories(HubJars.root().resolve("e2e/target/bench"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
