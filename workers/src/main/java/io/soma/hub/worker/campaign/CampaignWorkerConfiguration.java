package io.soma.hub.worker.campaign;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.soma.hub.events.EventPublisher;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.campaign.ArtifactCampaignMemory;
import io.soma.hub.orchestration.campaign.CampaignActivities;
import io.soma.hub.orchestration.campaign.CampaignActivitiesImpl;
import io.soma.hub.orchestration.campaign.CampaignAnalyticsMeters;
import io.soma.hub.orchestration.campaign.CampaignMemory;
import io.soma.hub.orchestration.campaign.CampaignMetricNaming;
import io.soma.hub.orchestration.campaign.CompensationActivities;
import io.soma.hub.orchestration.campaign.CompensationActivitiesImpl;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflowImpl;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.tools.ToolInvoker;
import io.soma.hub.orchestration.tools.ToolSettings;
import io.soma.hub.store.campaign.CampaignAnalytics;
import io.soma.hub.store.campaign.CampaignArtifacts;
import io.soma.hub.store.campaign.ToolRequests;
import io.soma.hub.worker.session.ModelProperties;
import io.soma.hub.worker.temporal.WorkerRegistration;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The marketing campaign workflow, its module and compensation activities, on the sessions task
 * queue.
 */
@Configuration(proxyBeanMethods = false)
class CampaignWorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CampaignWorkerConfiguration.class);

  @Bean
  ToolInvoker campaignToolInvoker(ToolProperties properties, ToolRequests requests) {
    ToolInvoker invoker = new ToolInvoker(properties.settings(), requests);
    log.info("Campaign tool adapters: {}", invoker.describe());
    return invoker;
  }

  /**
   * campaign_analytics_created_total keeps its SPEC name on /metrics (see CampaignMetricNaming).
   */
  @Bean
  MeterRegistryCustomizer<PrometheusMeterRegistry> campaignMetricNaming() {
    return registry ->
        registry
            .config()
            .namingConvention(new CampaignMetricNaming(registry.config().namingConvention()));
  }

  @Bean
  CampaignMemory campaignMemory(CampaignArtifacts artifacts) {
    return new ArtifactCampaignMemory(artifacts);
  }

  /**
   * Brings back the counters of recent campaigns at startup, so a restarted worker shows them too.
   */
  @Bean
  CampaignAnalyticsMeters campaignAnalyticsMeters(
      MeterRegistry registry,
      CampaignAnalytics analytics,
      Clock clock,
      CampaignProperties properties) {
    CampaignAnalyticsMeters meters =
        new CampaignAnalyticsMeters(registry, analytics, clock, properties.metricsWindow());
    int restored = meters.registerRecent();
    log.info(
        "campaign_analytics_created_total: {} campaign(s) of the last {} day(s) registered",
        restored,
        properties.metricsWindow().toDays());
    return meters;
  }

  @Bean
  CampaignActivities campaignActivities(
      ToolInvoker tools,
      ModelProvider model,
      CampaignMemory memory,
      CampaignArtifacts artifacts,
      CampaignAnalytics analytics,
      CampaignAnalyticsMeters meters) {
    return new CampaignActivitiesImpl(tools, model, memory, artifacts, analytics, meters);
  }

  @Bean
  CompensationActivities campaignCompensations(ToolInvoker tools, CampaignArtifacts artifacts) {
    return new CompensationActivitiesImpl(tools, artifacts);
  }

  @Bean
  WorkerRegistration campaignWorker(
      CampaignActivities activities,
      CompensationActivities compensations,
      ToolProperties tools,
      ModelProperties model,
      EventPublisher events) {
    ToolSettings settings = tools.settings();
    Duration toolCall = settings.callTimeout();
    Duration modelCall = model.connectTimeout().plus(model.requestTimeout());
    return factory -> {
      Worker worker = WorkerRegistration.workerFor(factory, TaskQueues.SESSIONS);
      worker.registerWorkflowImplementationFactory(
          MarketingCampaignWorkflow.class,
          () -> new MarketingCampaignWorkflowImpl(toolCall, modelCall, events.enabled()));
      worker.registerActivitiesImplementations(activities, compensations);
    };
  }
}
