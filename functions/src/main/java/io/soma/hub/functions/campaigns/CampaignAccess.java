package io.soma.hub.functions.campaigns;

import io.soma.hub.functions.campaigns.CampaignViews.Campaign;
import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.functions.temporal.BoundedCalls;
import io.soma.hub.functions.temporal.TenantWorkflows;
import io.soma.hub.orchestration.UpdateRejection;
import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.soma.hub.orchestration.campaign.CampaignDecisions;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignMemo;
import io.soma.hub.orchestration.campaign.CampaignProgress;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and decides campaigns in Temporal. The tenant is checked against the workflow's memo first,
 * so another tenant's campaign reads as not found. Calls that wait for the worker are bounded by
 * {@link BoundedCalls}.
 */
public class CampaignAccess {

  private final WorkflowClient client;
  private final BoundedCalls calls;

  public CampaignAccess(WorkflowClient client, BoundedCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  public Campaign read(String tenant, String campaignId) {
    WorkflowExecutionDescription description = owned(tenant, campaignId);
    MarketingCampaignWorkflow campaign = stub(campaignId);
    CampaignProgress progress = calls.call(campaign::progress);
    String status = description.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    return Campaign.of(campaignId, CampaignIds.workflowId(campaignId), status, progress);
  }

  /**
   * Sends the decision as the workflow's {@link MarketingCampaignWorkflow#DECIDE} update, whose
   * validator takes the first decision only, atomically: of concurrent deciders one gets through,
   * every other one is a conflict that names the decision taken. A campaign that does not wait for
   * a decision is a conflict too.
   */
  public ApprovalDecision decide(String tenant, String campaignId, ApprovalDecision decision) {
    WorkflowExecutionDescription description = owned(tenant, campaignId);
    if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw ended(campaignId);
    }
    MarketingCampaignWorkflow campaign = stub(campaignId);
    try {
      return calls.call(() -> campaign.decide(decision));
    } catch (WorkflowUpdateException e) {
      ApplicationFailure refusal =
          CampaignDecisions.find(e).orElseThrow(() -> BoundedCalls.unavailable(e));
      throw conflict(refusal);
    } catch (WorkflowNotFoundException e) {
      throw ended(campaignId);
    }
  }

  /**
   * An ended campaign refuses a decision as a running one does: naming the decision it took (a
   * loser of a race may arrive after the winner's campaign has run to its end), else its approval
   * state.
   */
  private ConflictException ended(String campaignId) {
    CampaignProgress.ApprovalState approval;
    try {
      approval = calls.call(stub(campaignId)::progress).approval();
    } catch (UnavailableException | WorkflowNotFoundException e) {
      approval = null;
    }
    if (approval != null) {
      try {
        CampaignDecisions.requireOpen(campaignId, approval);
      } catch (UpdateRejection refused) {
        return conflict(refused.failure());
      }
    }
    return new ConflictException("campaign " + campaignId + " has ended and waits for no approval");
  }

  private WorkflowExecutionDescription owned(String tenant, String campaignId) {
    if (!CampaignIds.isCampaignId(campaignId)) {
      throw notFound(campaignId);
    }
    return TenantWorkflows.describe(
        client,
        CampaignIds.workflowId(campaignId),
        CampaignMemo.TENANT,
        tenant,
        () -> notFound(campaignId));
  }

  private MarketingCampaignWorkflow stub(String campaignId) {
    return client.newWorkflowStub(
        MarketingCampaignWorkflow.class, CampaignIds.workflowId(campaignId));
  }

  /**
   * The campaign's refusal as the 409 it stands for: the decision already taken, or the approval
   * state.
   */
  private static ConflictException conflict(ApplicationFailure refusal) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("approval", refusal.getDetails().get(0, String.class));
    if (refusal.getType().equals(CampaignDecisions.ALREADY_DECIDED)) {
      details.put("decided_by", refusal.getDetails().get(1, String.class));
    }
    return new ConflictException(refusal.getOriginalMessage(), details);
  }

  private static NotFoundException notFound(String campaignId) {
    return new NotFoundException("no campaign " + campaignId);
  }
}
