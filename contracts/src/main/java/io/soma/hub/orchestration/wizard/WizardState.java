package io.soma.hub.orchestration.wizard;

import io.soma.hub.orchestration.campaign.CampaignPlan;
import java.util.Map;

/**
 * A wizard session as the workflow holds it: what the answer update returns and the state query
 * answers.
 *
 * @param status {@code in_progress}, {@code completed} (every question answered, waiting for
 *     approval), {@code approved} or {@code expired}
 * @param currentStep the step of the next question; {@code totalSteps + 1} once completed
 * @param question the next question, null once completed
 * @param answers the normalised answers by question id (a skipped optional question is absent)
 * @param startedAt ISO-8601 instant
 * @param completedAt ISO-8601 instant of the last answer, null before
 * @param executionPlan the plan, once completed
 * @param campaignId the campaign started on approval, null before
 * @param campaignWorkflowId that campaign's workflow id, null before
 */
public record WizardState(
    String sessionId,
    String wizardId,
    String wizardTitle,
    String status,
    int currentStep,
    int totalSteps,
    WizardQuestion question,
    WizardProgress progress,
    Map<String, Object> answers,
    Map<String, String> metadata,
    String startedAt,
    String completedAt,
    CampaignPlan executionPlan,
    String campaignId,
    String campaignWorkflowId) {

  public static final String IN_PROGRESS = "in_progress";
  public static final String COMPLETED = "completed";
  public static final String APPROVED = "approved";
  public static final String EXPIRED = "expired";

  public boolean completed() {
    return executionPlan != null;
  }
}
