package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.UpdateRejection;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.Set;

/**
 * When a campaign takes an approval decision, and the {@code ApplicationFailure} types with which
 * it refuses one. Only the first decision counts: the workflow's update validator applies this rule
 * atomically, so of concurrent deciders exactly one is accepted.
 */
public final class CampaignDecisions {

  /**
   * A decision was taken already. Details: its outcome ({@code approved}/{@code rejected}), who
   * took it.
   */
  public static final String ALREADY_DECIDED = "CampaignAlreadyDecided";

  /**
   * The campaign does not wait for a decision (not yet, or timed out). Details: the approval state.
   */
  public static final String NOT_WAITING = "CampaignNotWaitingForApproval";

  private static final Set<String> TYPES = Set.of(ALREADY_DECIDED, NOT_WAITING);

  private CampaignDecisions() {}

  /**
   * @param taken the decision the campaign took, or null
   * @param approvalState the approval state the campaign reports
   * @throws UpdateRejection when no decision may be taken now
   */
  public static void requireOpen(String campaignId, ApprovalDecision taken, String approvalState) {
    if (taken != null) {
      throw alreadyDecided(campaignId, taken.outcome(), taken.decidedBy());
    }
    requireWaiting(campaignId, approvalState);
  }

  /**
   * The same rule on the approval state a campaign reports in its progress, for a campaign that has
   * ended and can no longer be asked by update.
   *
   * @throws UpdateRejection when no decision may be taken now
   */
  public static void requireOpen(String campaignId, CampaignProgress.ApprovalState approval) {
    if (CampaignProgress.ApprovalState.APPROVED.equals(approval.state())
        || CampaignProgress.ApprovalState.REJECTED.equals(approval.state())) {
      throw alreadyDecided(campaignId, approval.state(), approval.decidedBy());
    }
    requireWaiting(campaignId, approval.state());
  }

  private static void requireWaiting(String campaignId, String approvalState) {
    if (!CampaignProgress.ApprovalState.WAITING.equals(approvalState)) {
      throw new UpdateRejection(
          "campaign "
              + campaignId
              + " is not waiting for approval (approval state: "
              + approvalState
              + ")",
          NOT_WAITING,
          approvalState);
    }
  }

  private static UpdateRejection alreadyDecided(
      String campaignId, String outcome, String decidedBy) {
    return new UpdateRejection(
        "campaign " + campaignId + " is already " + outcome + " by " + decidedBy,
        ALREADY_DECIDED,
        outcome,
        decidedBy);
  }

  /**
   * The campaign's refusal in a cause chain (an update's rejection or failure), if there is one.
   */
  public static Optional<ApplicationFailure> find(Throwable failure) {
    return UpdateRejection.find(failure, TYPES);
  }
}
