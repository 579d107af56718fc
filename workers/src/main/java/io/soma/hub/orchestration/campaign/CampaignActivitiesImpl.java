package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.tools.ToolInvoker;
import io.soma.hub.store.campaign.CampaignAnalytics;
import io.soma.hub.store.campaign.CampaignArtifacts;
import java.util.Map;

/** Stateless and thread-safe: one instance serves every campaign the worker runs. */
public class CampaignActivitiesImpl implements CampaignActivities {

  private final TaskRunner tasks;
  private final ContentCreation content;
  private final DesignAssets design;
  private final ReviewRequest review;
  private final Distribution distribution;
  private final AnalyticsTracking analyticsTracking;

  public CampaignActivitiesImpl(
      ToolInvoker tools,
      ModelProvider model,
      CampaignMemory memory,
      CampaignArtifacts artifacts,
      CampaignAnalytics analytics,
      CampaignAnalyticsMeters meters) {
    this.tasks = new TaskRunner(tools, memory, model, artifacts);
    this.content = new ContentCreation(model, memory, artifacts);
    this.design = new DesignAssets(tools, artifacts);
    this.review = new ReviewRequest(tools, artifacts);
    this.distribution = new Distribution(tools, artifacts);
    this.analyticsTracking = new AnalyticsTracking(analytics, meters, memory, tasks);
  }

  @Override
  public Map<String, Object> runTasks(ModuleInput input) {
    return tasks.runAll(input);
  }

  @Override
  public Map<String, Object> createContent(ModuleInput input) {
    return content.run(input);
  }

  @Override
  public Map<String, Object> designAssets(ModuleInput input) {
    return design.run(input);
  }

  @Override
  public Map<String, Object> requestReview(ModuleInput input) {
    return review.run(input);
  }

  @Override
  public Map<String, Object> distribute(ModuleInput input) {
    return distribution.run(input);
  }

  @Override
  public Map<String, Object> trackAnalytics(ModuleInput input) {
    return analyticsTracking.run(input);
  }
}
