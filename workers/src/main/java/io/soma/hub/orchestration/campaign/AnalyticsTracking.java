package io.soma.hub.orchestration.campaign;

import io.soma.hub.store.campaign.CampaignAnalytics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * analytics_tracking: records the campaign once in {@code campaign_analytics} (the guard of the
 * counter), registers its counter, and remembers the campaign under the key its task names.
 */
final class AnalyticsTracking {

  static final String METRIC = "campaign_analytics_created_total";

  /** max, not sum: every worker replica exposes the campaigns it loaded from the store at start. */
  static final String QUERY_HINT = "max by (campaign_id,campaign_name) (" + METRIC + ")";

  private final CampaignAnalytics analytics;
  private final CampaignAnalyticsMeters meters;
  private final CampaignMemory memory;
  private final TaskRunner tasks;

  AnalyticsTracking(
      CampaignAnalytics analytics,
      CampaignAnalyticsMeters meters,
      CampaignMemory memory,
      TaskRunner tasks) {
    this.analytics = analytics;
    this.meters = meters;
    this.memory = memory;
    this.tasks = tasks;
  }

  Map<String, Object> run(ModuleInput input) {
    analytics.recordOnce(input.campaignId(), input.tenant(), input.campaignName());
    // also when the row was there already: a retry on another worker, or after a restart, still
    // shows the series
    meters.register(input.campaignId(), input.campaignName());

    String memoryKey = null;
    List<PlanTask> planTasks = input.module().tasks();
    for (int i = 0; i < planTasks.size(); i++) {
      PlanTask task = planTasks.get(i);
      if (TaskRunner.REMEMBER.equals(task.action())) {
        memoryKey = TaskRunner.text(task.params().get("key"), "campaign:" + input.campaignName());
        Map<String, Object> metadata =
            new LinkedHashMap<>(TaskRunner.asMap(task.params().get("metadata")));
        metadata.put("campaign", input.campaignName());
        metadata.put("campaign_id", input.campaignId());
        memory.remember(input, memoryKey, CampaignJson.write(summary(input)), metadata);
      } else {
        tasks.run(input, i, task);
      }
    }

    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("campaign_id", input.campaignId());
    labels.put("campaign_name", input.campaignName());
    Map<String, Object> logLabels = new LinkedHashMap<>();
    logLabels.put("app", "soma-hub-worker");
    logLabels.put("campaign_id", input.campaignId());
    logLabels.put("campaign_name", input.campaignName());
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("metric", METRIC);
    outputs.put("labels", labels);
    outputs.put("metrics_path", "/metrics");
    outputs.put("metrics_query_hint", QUERY_HINT);
    outputs.put("logs_label_hint", logLabels);
    outputs.put("memory_key", memoryKey);
    return outputs;
  }

  private static Map<String, Object> summary(ModuleInput input) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("campaign", input.campaignName());
    summary.put("campaign_id", input.campaignId());
    summary.put("launch_date", input.launchDate());
    summary.put("channels", input.channels());
    summary.put(
        "headline",
        ContentCreation.piecesOf(input.outputsOf(CampaignModules.CONTENT)).get("headline"));
    summary.put(
        "published_channels",
        input.outputsOf(CampaignModules.DISTRIBUTION).get("published_channels"));
    summary.put("pull_request", input.outputsOf(CampaignModules.REVIEW).get("github_pr_url"));
    return summary;
  }
}
