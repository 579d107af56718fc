package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.soma.hub.telemetry.PromTool;
import io.soma.hub.telemetry.ScrapeHygieneAutoConfiguration;
import io.soma.hub.telemetry.logs.LokiPushCapture.PushedLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class HubLokiAppenderTest {

  private final LokiPushCapture loki = new LokiPushCapture();
  private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @BeforeEach
  void scrapeLikeTheApps() {
    // The apps' registry carries the telemetry filters and joins the global registry, where loki4j registers.
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ScrapeHygieneAutoConfiguration.class))
        .run(app -> app.getBeanProvider(MeterFilter.class).orderedStream().forEach(prometheus.config()::meterFilter));
    Metrics.addRegistry(prometheus);
  }

  @AfterEach
  void close() {
    Metrics.removeRegistry(prometheus);
    loki.close();
  }

  @Test
  void linesArriveUnderTheStaticLabelsWithTheIdsAsStructuredMetadata() {
    try (ShippingLogger shipping = new ShippingLogger(loki.baseUrl(), LokiBudget.SIXTY_SECOND_OUTAGE)) {
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

    List<PushedLine> lines = loki.lines();
    assertThat(lines).hasSize(2);
    PushedLine withIds = lines.get(0);
    assertThat(withIds.labels()).containsExactlyInAnyOrderEntriesOf(
        Map.of("app", "soma-hub-test", "namespace", "hub-ns", "env", "test"));
    assertThat(withIds.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "tenant_id", "acme",
                "session_id", "3f2a",
                "workflow_id", "session-3f2a",
                "trace_id", "5b8efff798038103d269b633813fc60c",
                "span_id", "eee19b7ec3c1b174"));
    JsonNode line = new ObjectMapper().readTree(withIds.line());
    assertThat(line.get("message").asString()).isEqualTo("session 3f2a accepted");
    assertThat(line.get("level").asString()).isEqualTo("INFO");
    assertThat(line.get("logger_name").asString()).startsWith("io.soma.hub.telemetry.test.");
    assertThat(withIds.line()).doesNotContain("secret").doesNotContain("acme");
    assertThat(lines.get(1).metadata()).isEmpty();
    assertThat(lines.get(1).labels()).isEqualTo(withIds.labels());
  }

  @Test
  void theAppendersMetersAreOnTheScrapeAndPassPromtoolsLint() {
    try (ShippingLogger shipping = new ShippingLogger(loki.baseUrl(), LokiBudget.SIXTY_SECOND_OUTAGE)) {
      shipping.logger.info("one line");
      await().atMost(Duration.ofSeconds(10)).until(() -> loki.lines().size() == 1);
      loki.answer(400);
      shipping.logger.info("a line Loki refuses");
      await().atMost(Duration.ofSeconds(10)).until(() -> prometheus.scrape().contains("loki4j_send_errors_total"));
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
