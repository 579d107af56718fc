package io.soma.hub.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.LocalTokens;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.TemporalDevServer;
import io.soma.hub.testing.cluster.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's cold start: for every shipped function (against a running Temporal and one hub store),
 * runs of exec to first successful call with the shipped launch ({@code ./hub function NAME}),
 * against a bare Spring Cloud Function hello launched the same way (same runtime, JVM options and
 * an AOT cache of its own), interleaved in one run; the resident memory after the first call; and,
 * for {@code status} and {@code createSession}, the plain {@code java -jar} of issue 4. The store
 * exists before the counted runs (one uncounted round migrates it), as it does when a
 * scaled-to-zero function starts. {@code ./hub bench coldstart} runs it; it reports and does not
 * assert speed.
 */
@Tag("bench")
@RequiresHubJars
class ColdStartBenchmarkTest {

  @Test
  void shippedLaunchAgainstHelloAndPlainJavaJar() throws IOException {
    int runs = Integer.getInteger("bench.coldstart.runs", 5);
    List<String> functions =
        listProperty("bench.coldstart.functions", FirstCalls.OF_FUNCTIONS.keySet());
    List<String> plainToo =
        listProperty("bench.coldstart.plain", List.of("status", "createSession"));
    Path output = Files.createDirectories(HubJars.root().resolve("e2e/target/bench/coldstart"));
    Path data = Files.createTempDirectory(output, "store");
    LocalTokens tokens = LocalTokens.withRandomSecret();
    String token = tokens.mint("acme", "bench", FirstCalls.CAPABILITIES.split(","));
    Map<String, List<ColdStart.Figures>> figures = new LinkedHashMap<>();
    try (TemporalDevServer temporal = TemporalDevServer.start()) {
      Map<String, String> environment =
          Map.of(
              "HUB_LOCAL_MODE", "true",
              "HUB_DATA_DIR", data.toString(),
              "HUB_JWT_SECRET", tokens.secret(),
              "HUB_CALLBACK_KEY", LocalTokens.withRandomSecret().secret(),
              "HUB_TEMPORAL_ADDRESS", temporal.address());
      Map<String, List<FunctionLaunch>> launches = new LinkedHashMap<>();
      for (String function : functions) {
        FunctionLaunch shipped = FunctionLaunch.shipped(function);
        launches.put(
            function,
            plainToo.contains(function)
                ? List.of(shipped, FunctionLaunch.plain(shipped))
                : List.of(shipped));
      }
      FunctionLaunch hello = FunctionLaunch.hello();
      // Round 0 is not counted: it migrates the store, and every file the launches read is in the
      // page cache after it.
      for (int run = 0; run <= runs; run++) {
        for (String function : functions) {
          // Alternating which goes first, so neither always meets a warmer page cache.
          List<FunctionLaunch> order = new ArrayList<>(launches.get(function));
          if (run % 2 == 0) {
            Collections.reverse(order);
          }
          for (FunctionLaunch launch : order) {
            Map<String, String> functionEnvironment = new LinkedHashMap<>(environment);
            functionEnvironment.put("SPRING_CLOUD_FUNCTION_DEFINITION", function);
            ColdStart.Figures measured =
                ColdStart.measure(
                    launch,
                    functionEnvironment,
                    Ports.free(),
                    FirstCalls.OF_FUNCTIONS.get(function),
                    token,
                    output.resolve(function + "-" + launch.label() + "-" + run + ".log"));
            report(run, function, launch.label(), measured);
            if (run > 0) {
              figures
                  .computeIfAbsent(function + " " + launch.label(), key -> new ArrayList<>())
                  .add(measured);
            }
          }
        }
        ColdStart.Figures baseline =
            ColdStart.measure(
                hello,
                Map.of(),
                Ports.free(),
                FirstCalls.HELLO,
                token,
                output.resolve("hello-" + run + ".log"));
        report(run, "hello", FunctionLaunch.HELLO, baseline);
        if (run > 0) {
          figures
              .computeIfAbsent("hello " + FunctionLaunch.HELLO, key -> new ArrayList<>())
              .add(baseline);
        }
      }
    }

    ColdStartReport report =
        new ColdStartReport(
            Machine.current(),
            runs,
            functions,
            plainToo.stream().filter(functions::contains).toList(),
            figures);
    report.writeInto(HubJars.root().resolve("docs/benchmarks.md"));
    Files.writeString(
        HubJars.root().resolve("e2e/target/bench/coldstart-ratio"), report.ratioLine() + "\n");
    System.out.println(report.section());
    System.out.println(report.ratioLine());
    assertThat(figures).containsKey("hello " + FunctionLaunch.HELLO);
  }

  private static void report(int run, String function, String launch, ColdStart.Figures measured) {
    System.out.printf(
        "bench coldstart %s %s run %d%s: first call %.0f ms, RSS %d MiB%n",
        function,
        launch,
        run,
        run == 0 ? " (not counted)" : "",
        measured.firstCallMillis(),
        measured.rssKilobytes() / 1024);
  }

  private static List<String> listProperty(String name, java.util.Collection<String> defaults) {
    String value = System.getProperty(name);
    return value == null || value.isBlank()
        ? List.copyOf(defaults)
        : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
