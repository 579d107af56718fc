package io.soma.hub.orchestration.campaign;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/**
 * The modules of a campaign. Each returns its outputs; each is safe to retry: tool requests,
 * artifacts and the analytics row are keyed by deterministic ids in the hub store.
 */
@ActivityInterface
public interface CampaignActivities {

  String RUN_TASKS = "campaign-run-tasks";
  String CREATE_CONTENT = "campaign-create-content";
  String DESIGN_ASSETS = "campaign-design-assets";
  String REQUEST_REVIEW = "campaign-request-review";
  String DISTRIBUTE = "campaign-distribute";
  String TRACK_ANALYTICS = "campaign-track-analytics";

  /** Runs the module's tasks one by one: research_phase and any module without its own runner. */
  @ActivityMethod(name = RUN_TASKS)
  Map<String, Object> runTasks(ModuleInput input);

  @ActivityMethod(name = CREATE_CONTENT)
  Map<String, Object> createContent(ModuleInput input);

  @ActivityMethod(name = DESIGN_ASSETS)
  Map<String, Object> designAssets(ModuleInput input);

  /** Opens the review pull request and announces it; the approval wait itself is the workflow's. */
  @ActivityMethod(name = REQUEST_REVIEW)
  Map<String, Object> requestReview(ModuleInput input);

  @ActivityMethod(name = DISTRIBUTE)
  Map<String, Object> distribute(ModuleInput input);

  @ActivityMethod(name = TRACK_ANALYTICS)
  Map<String, Object> trackAnalytics(ModuleInput input);
}
