package io.soma.hub.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.LocalTokens;
import io.soma.hub.e2e.support.Ports;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.TemporalDevServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's cold start: for {@code status} and {@code createSession} (against a running Temporal), runs of exec to
 * first successful call, the shipped launch ({@code ./hub function NAME}) against a plain {@code java -jar} of the same
 * jar with the JVM's default options, interleaved in one run; and the resident memory after the first call.
 * A bare Spring Cloud Function hello application with default options is the second baseline: the shipped launch
 * should be no slower. {@code ./hub bench coldstart} runs it; it reports and does not assert speed.
 */
@Tag("bench")
@RequiresHubJars
class ColdStartBenchmarkTest {

  private static final Map<String, ColdStart.Call> CALLS =
      Map.of(
          "status", new ColdStart.Call("GET", "/v1/status", null, 200),
          "createSession",
          new ColdStart.Call("POST", "/v1/sessions", "{\"prompt\":\"Plan a launch\"}", 201),
          "hello", new ColdStart.Call("GET", "/hello", null, 200));

  @Test
  void shippedLaunchAgainstPlainJavaJar() throws IOException {
    int runs = Integer.getInteger("bench.coldstart.runs", 5);
    List<String> functions = List.of("status", "createSession");
    Path output = Files.createDirectories(HubJars.root().resolve("e2e/target/bench/coldstart"));
    LocalTokens tokens = LocalTokens.withRandomSecret();
    String token = tokens.mint("acme", "bench", "sessions:write");
    Map<String, List<ColdStart.Figures>> figures = new LinkedHashMap<>();
    try (TemporalDevServer temporal = TemporalDevServer.start()) {
      Map<String, List<FunctionLaunch>> launches = new LinkedHashMap<>();
      for (String function : functions) {
        FunctionLaunch shipped = FunctionLaunch.shipped(function);
        launches.put(function, List.of(shipped, FunctionLaunch.plain(shipped)));
      }
      FunctionLaunch hello = FunctionLaunch.hello(launches.get("status").get(0));
      for (int run = 1; run <= runs; run++) {
        for (String function : functions) {
          // Alternating which goes first, so neither always meets a warmer page cache.
          List<FunctionLaunch> order = new ArrayList<>(launches.get(function));
          if (run % 2 == 0) {
            java.util.Collections.reverse(order);
          }
          for (FunctionLaunch launch : order) {
            Path data = Files.createTempDirectory(output, "data");
            Map<String, String> environment =
                Map.of(
                    "SPRING_CLOUD_FUNCTION_DEFINITION", function,
                    "HUB_LOCAL_MODE", "true",
                    "HUB_DATA_DIR", data.toString(),
                    "HUB_JWT_SECRET", tokens.secret(),
                    "HUB_TEMPORAL_ADDRESS", temporal.address());
            ColdStart.Figures measured =
                ColdStart.measure(
                    launch, environment, Ports.free(), CALLS.get(function), token,
                    output.resolve(function + "-" + launch.label() + "-" + run + ".log"));
            System.out.printf(
                "bench coldstart %s %s run %d: first call %.0f ms, RSS %d MiB%n",
                function, launch.label(), run, measured.firstCallMillis(), measured.rssKilobytes() / 1024);
            figures.computeIfAbsent(function + " " + launch.label(), key -> new ArrayList<>()).add(measured);
          }
        }
        ColdStart.Figures baseline =
            ColdStart.measure(
                hello, Map.of(), Ports.free(), CALLS.get("hello"), token,
                output.resolve("hello-" + run + ".log"));
        System.out.printf(
            "bench coldstart hello fixture run %d: first call %.0f ms, RSS %d MiB%n",
            run, baseline.firstCallMillis(), baseline.rssKilobytes() / 1024);
        figures.computeIfAbsent("hello " + FunctionLaunch.HELLO, key -> new ArrayList<>()).add(baseline);
      }
    }

    ColdStartReport report = new ColdStartReport(Machine.current(), runs, functions, figures);
    report.writeInto(HubJars.root().resolve("docs/benchmarks.md"));
    Files.writeString(HubJars.root().resolve("e2e/target/bench/coldstart-ratio"), report.ratioLine() + "\n");
    System.out.println(report.section());
    System.out.println(report.ratioLine());
    assertThat(figures).hasSize(functions.size() * 2 + 1);
  }
}
