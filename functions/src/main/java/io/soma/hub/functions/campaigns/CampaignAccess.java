package io.soma.hub.functions.campaigns;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignMemo;
import io.soma.hub.orchestration.campaign.CampaignProgress;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.functions.campaigns.CampaignViews.Campaign;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;

/**
 * Reads and signals campaigns in Temporal. The tenant is checked against the workflow's memo first, so another
 * tenant's campaign reads as not found.
 */
public class CampaignAccess {

  private final WorkflowClient client;

  public CampaignAccess(WorkflowClient client) {
    this.client = client;
  }

  public Campaign read(String tenant, String campaignId) {
    WorkflowExecutionDescription description = owned(tenant, campaignId);
    CampaignProgress progress = progress(campaignId);
    String status = description.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    return Campaign.of(campaignId, CampaignIds.workflowId(campaignId), status, progress);
  }

  /** Signals the decision to a campaign that waits for it; anything else is a conflict. */
  public void decide(String tenant, String campaignId, ApprovalDecision decision) {
    WorkflowExecutionDescription description = owned(tenant, campaignId);
    if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new ConflictException("campaign " + campaignId + " has ended and waits for no approval");
    }
    CampaignProgress.ApprovalState approval = progress(campaignId).approval();
    if (approval == null || !"waiting".equals(approval.state())) {
      throw new ConflictException(
          "campaign " + campaignId + " is not waiting for approval (approval state: "
              + (approval == null ? "unknown" : approval.state()) + ")");
    }
    try {
      stub(campaignId).approval(decision);
    } catch (WorkflowNotFoundException e) {
      throw new ConflictException("campaign " + campaignId + " has ended and waits for no approval");
    } catch (WorkflowException | StatusRuntimeException e) {
      throw unavailable(e);
    }
  }

  private CampaignProgress progress(String campaignId) {
    try {
      return stub(campaignId).progress();
    } catch (WorkflowException | StatusRuntimeException e) {
      throw unavailable(e);
    }
  }

  private WorkflowExecutionDescription owned(String tenant, String campaignId) {
    if (!CampaignIds.isCampaignId(campaignId)) {
      throw notFound(campaignId);
    }
    try {
      WorkflowExecutionDescription description =
          client.newUntypedWorkflowStub(CampaignIds.workflowId(campaignId)).describe();
      if (!tenant.equals(description.getMemo(CampaignMemo.TENANT, String.class, String.class))) {
        throw notFound(campaignId);
      }
      return description;
    } catch (WorkflowNotFoundException e) {
      throw notFound(campaignId);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(campaignId);
      }
      throw unavailable(e);
    } catch (WorkflowException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(campaignId);
      }
      throw unavailable(e);
    }
  }

  private MarketingCampaignWorkflow stub(String campaignId) {
    return client.newWorkflowStub(MarketingCampaignWorkflow.class, CampaignIds.workflowId(campaignId));
  }

  private static NotFoundException notFound(String campaignId) {
    return new NotFoundException("no campaign " + campaignId);
  }

  private static UnavailableException unavailable(Exception e) {
    return new UnavailableException("the orchestrator is unavailable; retry later", e);
  }
}
