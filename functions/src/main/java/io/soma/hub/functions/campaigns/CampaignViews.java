package io.soma.hub.functions.campaigns;

import io.soma.hub.orchestration.campaign.CampaignProgress;
import java.util.List;

/** The outputs of the campaign functions (snake_case on the wire). */
public final class CampaignViews {

  private CampaignViews() {}

  /**
   * {@code GET /v1/campaigns/{id}}: the progress query of the campaign workflow plus the workflow's
   * own status.
   *
   * @param status RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED or TIMED_OUT
   */
  public record Campaign(
      String campaignId,
      String workflowId,
      String status,
      String campaignName,
      String phase,
      int percentage,
      List<CampaignProgress.ModuleProgress> modules,
      CampaignProgress.ApprovalState approval,
      int contentUpdates,
      List<String> compensated) {

    static Campaign of(
        String campaignId, String workflowId, String status, CampaignProgress progress) {
      return new Campaign(
          campaignId,
          workflowId,
          status,
          progress.campaignName(),
          progress.phase(),
          progress.percentage(),
          progress.modules(),
          progress.approval(),
          progress.contentUpdates(),
          progress.compensated());
    }
  }

  /** {@code POST /v1/campaigns/{id}/approval}: the decision the campaign took, and whose it is. */
  public record Decision(String campaignId, boolean approved, String decidedBy) {}
}
