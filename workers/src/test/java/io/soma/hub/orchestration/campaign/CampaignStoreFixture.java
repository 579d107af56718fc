package io.soma.hub.orchestration.campaign;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.tools.ToolInvoker;
import io.soma.hub.orchestration.tools.ToolSettings;
import io.soma.hub.store.campaign.CampaignAnalytics;
import io.soma.hub.store.campaign.CampaignArtifacts;
import io.soma.hub.store.campaign.ToolRequests;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The real hub store on a fresh in-memory H2 database, and the campaign's activities wired on it.
 */
record CampaignStoreFixture(
    JdbcClient jdbc,
    CampaignAnalytics analytics,
    CampaignArtifacts artifacts,
    ToolRequests toolRequests,
    MeterRegistry registry) {

  static CampaignStoreFixture migrated() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    Clock clock = Clock.systemUTC();
    return new CampaignStoreFixture(
        jdbc,
        new CampaignAnalytics(jdbc, clock),
        new CampaignArtifacts(jdbc, clock),
        new ToolRequests(jdbc, clock),
        new SimpleMeterRegistry());
  }

  CampaignAnalyticsMeters meters() {
    return meters(registry);
  }

  CampaignAnalyticsMeters meters(MeterRegistry target) {
    return new CampaignAnalyticsMeters(target, analytics, Clock.systemUTC(), Duration.ofDays(7));
  }

  ToolInvoker tools(ToolSettings settings) {
    return new ToolInvoker(settings, toolRequests);
  }

  CampaignActivitiesImpl activities(ToolSettings settings, ModelProvider model) {
    return activities(settings, model, new ArtifactCampaignMemory(artifacts));
  }

  CampaignActivitiesImpl activities(
      ToolSettings settings, ModelProvider model, CampaignMemory memory) {
    return new CampaignActivitiesImpl(
        tools(settings), model, memory, artifacts, analytics, meters());
  }

  CompensationActivitiesImpl compensations(ToolSettings settings) {
    return new CompensationActivitiesImpl(tools(settings), artifacts);
  }

  int analyticsRows(String campaignId) {
    return jdbc.sql("SELECT COUNT(*) FROM campaign_analytics WHERE campaign_id = ?")
        .param(campaignId)
        .query(Integer.class)
        .single();
  }

  static Collection<FunctionCounter> counters(MeterRegistry registry, String campaignId) {
    return registry
        .find(CampaignAnalyticsMeters.NAME)
        .tag("campaign_id", campaignId)
        .functionCounters();
  }

  List<String> toolActions(String campaignId) {
    return toolRequests.ofCampaign(campaignId).stream().map(ToolRequests.Recorded::action).toList();
  }
}
