package io.soma.hub.orchestration.campaign;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs a campaign plan: modules in dependency order (independent ones in parallel), the approval
 * wait when the plan asks for it, and the compensations of completed modules in reverse order when
 * the campaign fails, is rejected or times out.
 */
@WorkflowInterface
public interface MarketingCampaignWorkflow {

  /** The original system's type name. */
  String TYPE = "MarketingCampaignWorkflow";

  /**
   * The approval decision as an update: the validator decides atomically whether it is the first.
   */
  String DECIDE = "decide";

  @WorkflowMethod(name = TYPE)
  CampaignResult run(CampaignRequest request);

  /** Records the decision of a campaign waiting for one and returns it. */
  @UpdateMethod(name = DECIDE)
  ApprovalDecision decide(ApprovalDecision decision);

  /**
   * Rejects, as {@link CampaignDecisions#requireOpen} says, every decision but the first, and any
   * decision while the campaign is not waiting: a rejected update writes nothing to the history.
   */
  @UpdateValidatorMethod(updateName = DECIDE)
  void validateDecide(ApprovalDecision decision);

  /**
   * The approval decision as gateways before {@link #DECIDE} sent it; kept so that running
   * campaigns they signalled replay. Only the first decision counts, later ones are ignored; the
   * sender learns nothing of that.
   */
  @SignalMethod(name = "approval")
  void approval(ApprovalDecision decision);

  @SignalMethod(name = "update_content")
  void updateContent(ContentUpdate update);

  @QueryMethod(name = "progress")
  CampaignProgress progress();
}
