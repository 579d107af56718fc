package io.soma.hub.orchestration.campaign;

/**
 * A reviewer approves or rejects the campaign waiting in {@code review_approval}: the argument of
 * the {@link MarketingCampaignWorkflow#DECIDE} update (and of the older approval signal).
 */
public record ApprovalDecision(boolean approved, String comment, String decidedBy) {

  /** {@code approved} or {@code rejected}, as the approval state names it. */
  public String outcome() {
    return approved
        ? CampaignProgress.ApprovalState.APPROVED
        : CampaignProgress.ApprovalState.REJECTED;
  }
}
