package io.soma.hub.orchestration.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.soma.hub.telemetry.PromTool;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CampaignMetricNamingTest {

  @Test
  void theCounterKeepsItsCreatedInfixAndOtherMetersTheirNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .namingConvention(new CampaignMetricNaming(registry.config().namingConvention()));
    CampaignStoreFixture store = CampaignStoreFixture.migrated();
    new CampaignAnalyticsMeters(registry, store.analytics(), Clock.systemUTC(), Duration.ofDays(7))
        .register("camp-1", "Spring");
    Counter.builder("other.thing.created.at")
        .description("another meter")
        .register(registry)
        .increment();

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("# TYPE campaign_analytics_created_total counter")
        .contains(
            "campaign_analytics_created_total{campaign_id=\"camp-1\",campaign_name=\"Spring\"} 1.0")
        .contains("other_thing_created_at_total 1.0");
    assertThat(PromTool.problems(scrape)).isEmpty();
  }
}
