package io.soma.hub.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.e2e.support.FlinkEventCountJob;
import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.PrometheusServer;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.testing.cluster.Ports;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query of the Grafana dashboards (observability/dashboards), panels and variables, against a
 * real Prometheus scraping the real worker and functions as observability/prometheus/local.yml does
 * (the cluster's job names), and the analytics job's Flink reporter (launched as {@code flink run}
 * launches it, with the shipped reporter configuration, reading a real Kafka broker). After real
 * sessions (completed, failed by policy, blocked by moderation, refused by a rate limit) whose
 * events the hub publishes to that broker, each query must parse and return at least one series.
 *
 * <p>Knative's autoscaler and activator are not part of a local hub: queries on their metrics
 * ({@code kn_*}) are only checked to parse and to name metrics Knative documents.
 */
@RequiresHubJars
class DashboardQueriesTest {

  private static final Path DASHBOARDS = HubJars.root().resolve("observability/dashboards");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What Grafana puts in for its own variables; a user variable becomes a regex matching
   * everything.
   */
  private static final Map<String, String> GRAFANA_VARIABLES =
      Map.of("$__rate_interval", "1m", "$__range", "1h", "$__interval", "15s");

  private static final Pattern USER_VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
  private static final Pattern KNATIVE_METRIC = Pattern.compile("\\bkn_\\w+");

  /**
   * Label matchers and grouping clauses, whose label names (kn_service_name) are no metric names.
   */
  private static final Pattern LABELS =
      Pattern.compile("\\{[^}]*}|\\b(?:by|without)\\s*\\([^)]*\\)");

  /**
   * Knative Serving's autoscaler and activator metrics
   * (knative.dev/docs/serving/observability/metrics/serving-metrics, OpenTelemetry names as its
   * Prometheus exporter writes them).
   */
  private static final Set<String> KNATIVE_DOCUMENTED =
      Set.of(
          "kn_revision_pods_desired",
          "kn_revision_pods_requested",
          "kn_revision_pods_count",
          "kn_revision_concurrency_stable",
          "kn_revision_concurrency_panic",
          "kn_revision_request_concurrency");

  private static KafkaBroker kafka;
  private static FlinkEventCountJob job;
  private static LocalHub hub;
  private static PrometheusServer prometheus;

  @BeforeAll
  static void startAndRunTraffic() {
    kafka = KafkaBroker.start();
    for (String topic :
        List.of(
            "soma.events",
            "soma.events.per-minute",
            "soma.events.dead-letter",
            "soma.events.late")) {
      kafka.createTopic(topic, 1);
    }
    int flinkMetrics = Ports.free();
    job =
        FlinkEventCountJob.startReportingTo(
            flinkMetrics,
            List.of(
                "--bootstrap-servers", kafka.bootstrapServers(), "--checkpoint-interval", "2 s"));
    hub =
        LocalHub.builder()
            .quickStartJvms()
            .env("HUB_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
            .env("HUB_POLICY_DENIED_TENANTS", "denied")
            .env("HUB_RATELIMITS_TENANTS_GREEDY_SESSIONS", "1/1h")
            .start();
    prometheus =
        PrometheusServer.scrapingTheHub(
            hub, Map.of("soma-events-per-minute", "127.0.0.1:" + flinkMetrics));

    JsonHttp acme = caller("acme");
    List<String> completed =
        List.of(SessionCalls.create(acme, "Plan a launch"), SessionCalls.create(acme, "Again"));
    String failed = SessionCalls.create(caller("denied"), "Anything");
    assertThat(acme.post("/v1/sessions", Map.of("prompt", "write a jailbreak")).status())
        .isEqualTo(403);
    JsonHttp greedy = caller("greedy");
    SessionCalls.create(greedy, "One");
    assertThat(greedy.post("/v1/sessions", Map.of("prompt", "Two")).status()).isEqualTo(429);
    SessionCalls.awaitAllFinished(acme, completed, Duration.ofMinutes(2))
        .values()
        .forEach(view -> assertThat(view.path("status").asText()).isEqualTo("COMPLETED"));
    assertThat(
            SessionCalls.awaitFinished(caller("denied"), failed, Duration.ofMinutes(2))
                .path("status")
                .asText())
        .isEqualTo("FAILED");
  }

  @AfterAll
  static void stopEverything() {
    try (KafkaBroker lastToStop = kafka;
        FlinkEventCountJob thenTheJob = job;
        LocalHub thenTheHub = hub;
        PrometheusServer stopsFirst = prometheus) {
      // try-with-resources closes each, in reverse order, even when one fails
    }
  }

  @Test
  void everyQueryOnTheHubsAndTheJobsMetricsReturnsSeries() {
    List<Query> live =
        queries().stream().filter(query -> query.knativeMetrics().isEmpty()).toList();
    assertThat(live).hasSizeGreaterThan(60);

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              assertThat(job.isAlive()).as("the job, last lines:\n%s", job.logTail(40)).isTrue();
              assertThat(live)
                  .filteredOn(query -> prometheus.query(query.promql()).isEmpty())
                  .as("queries without a series")
                  .isEmpty();
            });
  }

  @Test
  void queriesOnKnativeParseAndNameDocumentedMetrics() {
    List<Query> knative =
        queries().stream().filter(query -> !query.knativeMetrics().isEmpty()).toList();
    assertThat(knative).isNotEmpty();

    for (Query query : knative) {
      prometheus.query(query.promql()); // fails the test when Prometheus does not parse it
      assertThat(query.knativeMetrics()).as(query.toString()).isSubsetOf(KNATIVE_DOCUMENTED);
    }
  }

  @Test
  void aQueryPrometheusCannotParseFailsTheCheck() {
    assertThatThrownBy(() -> prometheus.query("sum(rate(http_server_requests_seconds_count[1m])"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bad_data");
  }

  private static JsonHttp caller(String tenant) {
    return hub.gateway().as(hub.tokens().mint(tenant, "ann", "sessions:write", "sessions:read"));
  }

  /**
   * One query of a dashboard: a panel's target, or a variable's values as the series that hold the
   * label.
   */
  record Query(String where, String promql) {

    List<String> knativeMetrics() {
      return KNATIVE_METRIC
          .matcher(LABELS.matcher(promql).replaceAll(""))
          .results()
          .map(MatchResult::group)
          .toList();
    }
  }

  static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = JSON.readTree(file.toFile());
        for (JsonNode variable : dashboard.at("/templating/list")) {
          if (variable.path("type").asText().equals("query")) {
            queries.add(
                new Query(
                    file.getFileName() + " variable " + variable.path("name").asText(),
                    seriesWithLabel(variable.at("/query/query").asText())));
          }
        }
        for (JsonNode panel : dashboard.path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            queries.add(
                new Query(
                    file.getFileName() + " panel " + panel.path("title").asText(),
                    substituted(target.path("expr").asText())));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return queries;
  }

  /** {@code label_values(selector, label)} as the series of the selector that carry the label. */
  private static String seriesWithLabel(String variableQuery) {
    Matcher labelValues = LABEL_VALUES.matcher(variableQuery);
    assertThat(labelValues.matches()).as(variableQuery).isTrue();
    String selector = labelValues.group(1);
    String label = labelValues.group(2);
    String withLabel =
        selector.contains("{")
            ? selector.replace("{", "{" + label + "!=\"\", ")
            : selector + "{" + label + "!=\"\"}";
    return "group by (" + label + ") (" + substituted(withLabel) + ")";
  }

  private static String substituted(String expression) {
    String promql = expression;
    for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
      promql = promql.replace(variable.getKey(), variable.getValue());
    }
    return USER_VARIABLE.matcher(promql).replaceAll(".*");
  }
}
