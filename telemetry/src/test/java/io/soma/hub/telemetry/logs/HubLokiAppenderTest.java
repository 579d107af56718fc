package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.soma.hub.telemetry.PromTool;
import io.soma.hub.telemetry.ScrapeHygieneAutoConfiguration;
import io.soma.hub.testing.logs.VictoriaLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HubLokiAppenderTest {

  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @BeforeEach
  void scrapeLikeTheApps() {
    // The apps' registry carries the telemetry filters and joins the global registry, where loki4j
    // registers.
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ScrapeHygieneAutoConfiguration.class))
        .run(
            app ->
                app.getBeanProvider(MeterFilter.class)
                    .orderedStream()
                    .forEach(prometheus.config()::meterFilter));
    Metrics.addRegistry(prometheus);
  }

  @AfterEach
  void close() {
    Metrics.removeRegistry(prometheus);
  }

  @Test
  void linesArriveUnderTheStaticLabelsWithTheIdsAsStructuredMetadata(@TempDir Path directory) {
    try (VictoriaLogs store = VictoriaLogs.startIn(directory)) {
      try (ShippingLogger shipping =
          new ShippingLogger(store.lokiUrl(), LokiBudget.SIXTY_SECOND_OUTAGE)) {
        MDC.put(LogKeys.TENANT_ID, "acme");
        MDC.put(LogKeys.SESSION_ID, "3f2a");
        MDC.put("WorkflowId", "session-3f2a");
        MDC.put("traceId", "5b8efff798038103d269b633813fc60c");
        MDC.put("spanId", "eee19b7ec3c1b174");
        MDC.put("authorization", "Bearer secret");
        try {
          shipping.logger.info("session {} accepted", "3f2a");
        } finally {
          MDC.clear();
        }
        shipping.logger.warn("no ids here");
      }

      List<StoredLine> lines = StoredLine.of(store);
      assertThat(lines).hasSize(2);
      StoredLine withIds = lines.get(0);
      assertThat(withIds.labels())
          .isEqualTo(Map.of("app", "soma-hub-test", "namespace", "hub-ns", "env", "test"));
      assertThat(withIds.message()).isEqualTo("session 3f2a accepted");
      assertThat(withIds.fields())
          .containsAllEntriesOf(
              Map.of(
                  "tenant_id", "acme",
                  "session_id", "3f2a",
                  "workflow_id", "session-3f2a",
                  "trace_id", "5b8efff798038103d269b633813fc60c",
                  "span_id", "eee19b7ec3c1b174"))
          .containsEntry("level", "INFO")
          .doesNotContainKeys("authorization", "WorkflowId", "traceId", "spanId");
      assertThat(withIds.fields().get("logger_name")).startsWith("io.soma.hub.telemetry.test.");
      assertThat(withIds.fields().values()).noneMatch(value -> value.contains("secret"));
      StoredLine withoutIds = lines.get(1);
      assertThat(withoutIds.message()).isEqualTo("no ids here");
      assertThat(withoutIds.fields())
          .containsEntry("level", "WARN")
          .doesNotContainKeys("tenant_id", "session_id");
      assertThat(withoutIds.labels()).isEqualTo(withIds.labels());
    }
  }

  /**
   * A 400 is a fault no running store gives the appender's well-formed pushes, so WireMock answers
   * it.
   */
  @Test
  void theAppendersMetersAreOnTheScrapeAndPassPromtoolsLint() {
    try (LokiPushCapture loki = new LokiPushCapture();
        ShippingLogger shipping =
            new ShippingLogger(loki.baseUrl(), LokiBudget.SIXTY_SECOND_OUTAGE)) {
      shipping.logger.info("one line");
      await().atMost(Duration.ofSeconds(10)).until(() -> loki.lines().size() == 1);
      loki.answer(400);
      shipping.logger.info("a line Loki refuses");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> prometheus.scrape().contains("loki4j_send_errors_total"));
    }

    String scrape = prometheus.scrape();
    assertThat(PromTool.problems(scrape)).isEmpty();
    assertThat(scrape)
        .contains("loki4j_drop_events_total{")
        .contains("loki4j_send_errors_total{")
        .contains("reason=\"status:400\"")
        .contains("loki4j_unsent_events{")
        .contains("loki4j_send_batches_total{");
  }
}
