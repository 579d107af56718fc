package io.soma.hub.orchestration.campaign;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs a campaign plan: modules in dependency order (independent ones in parallel), the approval wait when the plan
 * asks for it, and the compensations of completed modules in reverse order when the campaign fails, is rejected or
 * times out.
 */
@WorkflowInterface
public interface MarketingCampaignWorkflow {

  /** The original system's type name. */
  String TYPE = "MarketingCampaignWorkflow";

  @WorkflowMethod(name = TYPE)
  CampaignResult run(CampaignRequest request);

  @SignalMethod(name = "approval")
  void approval(ApprovalDecision decision);

  @SignalMethod(name = "update_content")
  void updateContent(ContentUpdate update);

  @QueryMethod(name = "progress")
  CampaignProgress progress();
}
