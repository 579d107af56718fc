package io.soma.hub.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.testing.cluster.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's Prometheus, on a free loopback port with a throwaway TSDB, scraping the given targets
 * every second: what the cluster's ServiceMonitor makes kube-prometheus-stack do with the worker,
 * on one machine.
 */
public final class PrometheusServer implements AutoCloseable {

  private final HubProcess process;
  private final Path directory;
  private final JsonHttp api;

  private PrometheusServer(HubProcess process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.api = new JsonHttp(URI.create("http://127.0.0.1:" + port + "/"));
  }

  /**
   * @param targets scrape jobs by name, each a {@code host:port} serving {@code /metrics}
   */
  public static PrometheusServer scraping(Map<String, String> targets) {
    return withConfig(config(targets));
  }

  /**
   * The hub's own local configuration ({@code observability/prometheus/local.yml}: the cluster's
   * job names) with the worker and functions targets of this test and a 1 s scrape interval.
   */
  public static PrometheusServer scrapingTheHub(LocalHub hub) {
    return scrapingTheHub(hub, Map.of());
  }

  /**
   * As {@link #scrapingTheHub(LocalHub)}, and more scrape jobs by name, each a {@code host:port}
   * serving /metrics.
   */
  public static PrometheusServer scrapingTheHub(LocalHub hub, Map<String, String> more) {
    Path local = HubJars.root().resolve("observability/prometheus/local.yml");
    try {
      String config =
          Files.readString(local)
              .replace("127.0.0.1:8081", hub.workerTarget())
              .replace("127.0.0.1:8080", hub.functionsTarget())
              .replace("scrape_interval: 5s", "scrape_interval: 1s")
              .replace("scrape_timeout: 5s", "scrape_timeout: 1s");
      StringBuilder jobs = new StringBuilder(config);
      more.forEach((job, target) -> jobs.append(job(job, target)));
      return withConfig(jobs.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PrometheusServer withConfig(String configuration) {
    Path binaries = LocalTools.prometheusDir();
    int port = Ports.free();
    try {
      Path directory = Files.createTempDirectory("hub-prometheus");
      Path config = Files.writeString(directory.resolve("prometheus.yml"), configuration);
      HubProcess process =
          HubProcess.command(
                  "prometheus",
                  List.of(
                      binaries.resolve("prometheus").toString(),
                      "--config.file=" + config,
                      "--storage.tsdb.path=" + directory.resolve("data"),
                      "--web.listen-address=127.0.0.1:" + port,
                      "--log.level=warn"),
                  Map.of(),
                  URI.create("http://127.0.0.1:" + port + "/-/ready"))
              .readinessTimeout(Duration.ofMinutes(1));
      process.start();
      return new PrometheusServer(process, directory, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of an instant query's single sample, or empty while the query matches nothing. */
  public Optional<Double> value(String promql) {
    JsonNode result = query(promql);
    if (result.size() > 1) {
      throw new AssertionError(promql + " matches more than one series: " + result);
    }
    return result.isEmpty()
        ? Optional.empty()
        : Optional.of(result.get(0).at("/value/1").asDouble());
  }

  /**
   * The series an instant query returns (its {@code data.result}); a query Prometheus refuses fails
   * the test.
   */
  public JsonNode query(String promql) {
    JsonHttp.Response response =
        api.get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (response.status() != 200 || !response.json().path("status").asText().equals("success")) {
      throw new AssertionError("Prometheus refused " + promql + ": " + response);
    }
    return response.json().at("/data/result");
  }

  /** Whether Prometheus's last scrape of the job succeeded ({@code up == 1}). */
  public boolean scrapes(String job) {
    return value("up{job=\"" + job + "\"}").filter(up -> up == 1.0).isPresent();
  }

  public JsonHttp api() {
    return api;
  }

  @Override
  public void close() {
    process.stop();
    Directories.deleteRecursively(directory);
  }

  private static String config(Map<String, String> targets) {
    StringBuilder yaml =
        new StringBuilder(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n");
    targets.forEach((job, target) -> yaml.append(job(job, target)));
    return yaml.toString();
  }

  private static String job(String name, String target) {
    return "  - job_name: "
        + name
        + "\n    metrics_path: /metrics\n    static_configs:\n      - targets: ['"
        + target
        + "']\n";
  }
}
