package io.soma.hub.flink.job;

import static io.soma.hub.flink.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.flink.manifests.ShippedYaml;
import io.soma.hub.flink.topology.TopologySettings;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's metrics as Prometheus scrapes them: a MiniCluster with the shipped reporter
 * configuration (flink-conf/config.yaml, on a free port instead of 9249) runs the pipeline on an
 * endless event stream, and the test reads /metrics while it runs, as the PodMonitor would.
 */
@DisplayName(
    "The shipped Prometheus reporter configuration exposes the per-minute counts with tenant and type labels")
class PrometheusExposureTest {

  private static final int PORT = freePort();
  private static final String STARTED = "io.soma.hub.session.started";
  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  /** Long enough for a loaded machine; the test ends as soon as the metrics are there. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(reporterConfiguration())
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  @Test
  @DisplayName(
      "tenant_type_events_counted{tenant, type} and malformed_records are scraped while the job runs")
  void countsAreScraped() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    // Endless, 10 ms of event time apart: a minute closes every 6,000 events; every 500th record is
    // malformed.
    DataGeneratorSource<String> source =
        new DataGeneratorSource<>(
            index ->
                index % 500 == 499
                    ? "malformed " + index
                    : event(
                        "e" + index,
                        index % 2 == 0 ? "acme" : "beta",
                        STARTED,
                        START.plusMillis(index * 10).toString()),
            Long.MAX_VALUE,
            RateLimiterStrategy.perSecond(20_000),
            Types.STRING);
    PipelineSinks sinks =
        new PipelineSinks(new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>());
    EventCountPipeline.build(env, source, sinks, TopologySettings.DEFAULTS);

    JobClient job = env.executeAsync("prometheus exposure test");
    String scrape;
    try {
      scrape =
          awaitScrape(
              line ->
                  line.startsWith("flink_taskmanager_job_task_operator_tenant_type_events_counted{")
                      && line.contains("tenant=\"acme\"")
                      && line.contains("type=\"" + STARTED + "\"")
                      && value(line) > 0);
      // The pairs' windows fire one after the other: wait for the other tenant's pair too.
      scrape =
          awaitScrape(
              line ->
                  line.startsWith(
                          "flink_taskmanager_job_task_operator_tenant_type_events_last_minute{")
                      && line.contains("tenant=\"beta\""));
    } finally {
      job.cancel().get();
    }

    assertThat(
            metricLines(
                scrape, "flink_taskmanager_job_task_operator_tenant_type_events_last_minute"))
        .anySatisfy(
            line ->
                assertThat(line).contains("tenant=\"beta\"").contains("type=\"" + STARTED + "\""));
    assertThat(metricLines(scrape, "flink_taskmanager_job_task_operator_malformed_records"))
        .anySatisfy(line -> assertThat(value(line)).isPositive());
    assertThat(metricLines(scrape, "flink_taskmanager_job_task_operator_late_events")).isNotEmpty();
    assertThat(metricLines(scrape, "flink_taskmanager_job_task_operator_duplicate_events"))
        .isNotEmpty();
    assertThat(scrape).doesNotContain("task_attempt_id=");
    promtoolProblems(scrape)
        .ifPresent(
            problems ->
                assertThat(problems)
                    .as("promtool on the job's own metrics")
                    .noneMatch(
                        p ->
                            Stream.of(
                                    "events_counted",
                                    "events_last_minute",
                                    "malformed_records",
                                    "late_events",
                                    "duplicate_events",
                                    "metric_series_overflow")
                                .anyMatch(p::contains)));
  }

  private static String awaitScrape(java.util.function.Predicate<String> wanted) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/metrics")).build();
    Instant deadline = Instant.now().plus(PATIENCE);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        if (body.lines().anyMatch(wanted)) {
          return body;
        }
      } catch (IOException notYetListening) {
        // The reporter starts with the TaskManager; try again.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no such metric within " + PATIENCE + "; last scrape:\n" + body);
  }

  private static List<String> metricLines(String scrape, String name) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .toList();
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /**
   * What promtool check metrics says about the scrape, where promtool is installed (./hub test
   * installs it).
   */
  private static Optional<List<String>> promtoolProblems(String scrape) throws Exception {
    Optional<File> promtool = promtool();
    if (promtool.isEmpty()) {
      return Optional.empty();
    }
    Process process =
        new ProcessBuilder(promtool.get().getPath(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = process.getOutputStream()) {
      in.write(scrape.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return Optional.of(output.lines().toList());
  }

  private static Optional<File> promtool() {
    String bin = System.getenv("HUB_PROMETHEUS_BIN");
    Stream<String> dirs =
        bin != null
            ? Stream.of(new File(bin).getParent())
            : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
    return dirs.map(dir -> new File(dir, "promtool")).filter(File::canExecute).findFirst();
  }

  private static Configuration reporterConfiguration() {
    Map<String, String> metrics = new HashMap<>();
    ShippedYaml.flinkConfig()
        .forEach(
            (key, value) -> {
              if (key.startsWith("metrics.")) {
                metrics.put(key, String.valueOf(value));
              }
            });
    assertThat(metrics).containsKey("metrics.reporter.prom.factory.class");
    metrics.put("metrics.reporter.prom.port", Integer.toString(PORT));
    return Configuration.fromMap(metrics);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
