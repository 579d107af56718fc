package io.soma.hub.orchestration.campaign;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/**
 * Undoes a completed module. One activity type per module, so each has its own timeouts and
 * retries.
 */
@ActivityInterface
public interface CompensationActivities {

  String UNDO_TASKS = "campaign-undo-tasks";
  String DELETE_CONTENT_DRAFTS = "campaign-delete-content-drafts";
  String DELETE_DESIGN_ASSETS = "campaign-delete-design-assets";
  String CLOSE_REVIEW = "campaign-close-review";
  String RETRACT_DISTRIBUTION = "campaign-retract-distribution";
  String ARCHIVE_ANALYTICS = "campaign-archive-analytics";

  /** research_phase and modules without their own runner. */
  @ActivityMethod(name = UNDO_TASKS)
  Map<String, Object> undoTasks(CompensationInput input);

  @ActivityMethod(name = DELETE_CONTENT_DRAFTS)
  Map<String, Object> deleteContentDrafts(CompensationInput input);

  @ActivityMethod(name = DELETE_DESIGN_ASSETS)
  Map<String, Object> deleteDesignAssets(CompensationInput input);

  @ActivityMethod(name = CLOSE_REVIEW)
  Map<String, Object> closeReview(CompensationInput input);

  @ActivityMethod(name = RETRACT_DISTRIBUTION)
  Map<String, Object> retractDistribution(CompensationInput input);

  /**
   * The analytics row and its counter stay: the campaign was created once, whatever happened later.
   */
  @ActivityMethod(name = ARCHIVE_ANALYTICS)
  Map<String, Object> archiveAnalytics(CompensationInput input);
}
