package io.soma.hub.orchestration.wizard;

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
 * A stand-in for the real campaign (another feature): it waits for the approval signal, so tests can see that the
 * wizard started it, with what input, and exactly once.
 */
public class RecordingCampaignWorkflow implements MarketingCampaignWorkflow {

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
    return new CampaignProgress(
        request.campaignId(),
        request.plan().campaignName(),
        decision == null ? "awaiting_approval" : "completed",
        decision == null ? 60 : 100,
        List.of(),
        new CampaignProgress.ApprovalState(
            true, state, decision == null ? null : decision.comment(), decision == null ? null : decision.decidedBy()),
        0,
        List.of());
  }
}
