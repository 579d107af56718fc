package io.soma.hub.worker.wizard;

import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.soma.hub.orchestration.campaign.CampaignProgress;
import io.soma.hub.orchestration.campaign.CampaignRequest;
import io.soma.hub.orchestration.campaign.CampaignResult;
import io.soma.hub.orchestration.campaign.ContentUpdate;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import java.util.List;
import java.util.Map;

/** Stands in for the real campaign (another feature) so the test sees what the wizard starts. */
public class StandInCampaignWorkflow implements MarketingCampaignWorkflow {

  private CampaignRequest request;

  @Override
  public CampaignResult run(CampaignRequest request) {
    this.request = request;
    return new CampaignResult(request.campaignId(), "completed", Map.of(), List.of(), null);
  }

  @Override
  public void approval(ApprovalDecision decision) {}

  @Override
  public ApprovalDecision decide(ApprovalDecision decision) {
    return decision;
  }

  @Override
  public void validateDecide(ApprovalDecision decision) {}

  @Override
  public void updateContent(ContentUpdate update) {}

  @Override
  public CampaignProgress progress() {
    return new CampaignProgress(
        request.campaignId(),
        request.plan().campaignName(),
        "completed",
        100,
        List.of(),
        null,
        0,
        List.of());
  }
}
