package io.soma.hub.functions.campaigns;

import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.soma.hub.orchestration.campaign.CampaignProgress;
import io.soma.hub.orchestration.campaign.CampaignRequest;
import io.soma.hub.orchestration.campaign.CampaignResult;
import io.soma.hub.orchestration.campaign.ContentUpdate;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the real campaign (another feature) in the gateway's tests: it waits for the approval signal and
 * reports the approval state the way the real one does.
 */
public class WaitingCampaignWorkflow implements MarketingCampaignWorkflow {

  private CampaignRequest request;
  private ApprovalDecision decision;

  @Override
  public CampaignResult run(CampaignRequest request) {
    this.request = request;
    Workflow.await(Duration.ofSeconds(request.approvalTimeoutSeconds()), () -> decision != null);
    String status = decision == null ? "timed_out" : decision.approved() ? "completed" : "rejected";
    return new CampaignResult(request.campaignId(), status, Map.of(), List.of(), null);
  }

  @Override
  public void approval(ApprovalDecision decision) {
    this.decision = decision;
  }

  @Override
  public void updateContent(ContentUpdate update) {}

  @Override
  public CampaignProgress progress() {
    String state = decision == null ? "waiting" : decision.approved() ? "approved" : "rejected";
    List<CampaignProgress.ModuleProgress> modules =
        request.plan().modules().stream()
            .map(m -> new CampaignProgress.ModuleProgress(m.id(), m.id().equals("review_approval") && decision == null ? "running" : "pending", null))
            .toList();
    return new CampaignProgress(
        request.campaignId(),
        request.plan().campaignName(),
        decision == null ? "awaiting_approval" : "completed",
        decision == null ? 50 : 100,
        modules,
        new CampaignProgress.ApprovalState(
            true, state, decision == null ? null : decision.comment(), decision == null ? null : decision.decidedBy()),
        0,
        List.of());
  }
}
