package io.soma.hub.orchestration.wizard;

import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.soma.hub.orchestration.campaign.CampaignDecisions;
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
 * Stands in for the real campaign (the worker's) where a test needs only its contract: it waits for
 * the approval decision (taking only the first, by the contract's rule) and reports progress and
 * approval state the way the real one does, so the wizard's tests can see that it started the
 * campaign, with what input and exactly once, and the gateway's tests can read and approve it.
 * Shared with other modules' tests through this module's test-jar.
 */
public class StandInCampaignWorkflow implements MarketingCampaignWorkflow {

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
  public void validateDecide(ApprovalDecision decision) {
    CampaignDecisions.requireOpen(request.campaignId(), this.decision, approvalState());
  }

  @Override
  public ApprovalDecision decide(ApprovalDecision decision) {
    this.decision = decision;
    return decision;
  }

  @Override
  public void approval(ApprovalDecision decision) {
    if (this.decision == null) {
      this.decision = decision;
    }
  }

  @Override
  public void updateContent(ContentUpdate update) {}

  @Override
  public CampaignProgress progress() {
    String state = approvalState();
    List<CampaignProgress.ModuleProgress> modules =
        request.plan().modules().stream()
            .map(m -> new CampaignProgress.ModuleProgress(m.id(), moduleStatus(m.id()), null))
            .toList();
    return new CampaignProgress(
        request.campaignId(),
        request.plan().campaignName(),
        decision == null ? "awaiting_approval" : "completed",
        decision == null ? 50 : 100,
        modules,
        new CampaignProgress.ApprovalState(
            true,
            state,
            decision == null ? null : decision.comment(),
            decision == null ? null : decision.decidedBy()),
        0,
        List.of());
  }

  private String approvalState() {
    return decision == null ? CampaignProgress.ApprovalState.WAITING : decision.outcome();
  }

  private String moduleStatus(String module) {
    return module.equals("review_approval") && decision == null ? "running" : "pending";
  }
}
