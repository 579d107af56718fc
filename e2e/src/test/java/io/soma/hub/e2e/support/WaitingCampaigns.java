package io.soma.hub.e2e.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignMemo;
import io.soma.hub.orchestration.campaign.CampaignPlan;
import io.soma.hub.orchestration.campaign.CampaignRequest;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.orchestration.campaign.PlanModule;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Many campaigns waiting for their approval decision, fast. A whole wizard and a whole plan per
 * campaign take minutes on a small machine, so one wizard is answered and approved over HTTP (its
 * campaign runs the whole plan), and the others are started as that approval starts a campaign,
 * with the plan's review_approval module alone: the real campaign workflow on the real worker, one
 * activity away from its approval wait.
 */
public final class WaitingCampaigns {

  private WaitingCampaigns() {}

  /**
   * @param marketer a caller with {@code wizards:write} and {@code campaigns:write} of tenant
   *     {@code tenant}
   */
  public static List<String> start(LocalHub hub, JsonHttp marketer, String tenant, int count) {
    String wizardId = WizardCalls.start(marketer);
    WizardCalls.answerAll(
        marketer, wizardId, List.copyOf(WizardCalls.answers("Waiting campaigns", true).values()));
    List<String> campaigns = new ArrayList<>(List.of(WizardCalls.approve(marketer, wizardId)));
    CampaignPlan reviewOnly =
        reviewOnly(planOf(marketer.get("/v1/wizards/" + wizardId).json().get("execution_plan")));
    while (campaigns.size() < count) {
      String campaignId = "camp-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      start(
          hub,
          new CampaignRequest(
              campaignId, tenant, "ann", reviewOnly, Duration.ofHours(1).toSeconds()));
      campaigns.add(campaignId);
    }
    Set<String> notWaitingYet = new LinkedHashSet<>(campaigns);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              notWaitingYet.removeIf(campaignId -> isWaiting(marketer, campaignId));
              return notWaitingYet.isEmpty();
            });
    return campaigns;
  }

  /**
   * As the wizard's approval starts its campaign (WizardWorkflowImpl#approve), without the wizard
   * as parent.
   */
  private static void start(LocalHub hub, CampaignRequest request) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(CampaignIds.workflowId(request.campaignId()))
            .setTaskQueue(TaskQueues.SESSIONS)
            .setMemo(
                Map.of(
                    CampaignMemo.TENANT,
                    request.tenant(),
                    CampaignMemo.CAMPAIGN_NAME,
                    request.plan().campaignName()))
            .build();
    MarketingCampaignWorkflow campaign =
        hub.workflows().client().newWorkflowStub(MarketingCampaignWorkflow.class, options);
    WorkflowClient.start(campaign::run, request);
  }

  private static boolean isWaiting(JsonHttp caller, String campaignId) {
    JsonHttp.Response view = caller.get("/v1/campaigns/" + campaignId);
    return view.status() == 200 && "waiting".equals(view.json().at("/approval/state").asText());
  }

  /**
   * The execution plan as GET /v1/wizards/{id} shows it (snake_case), read as the workflows'
   * contract.
   */
  private static CampaignPlan planOf(JsonNode executionPlan) {
    ObjectMapper snakeCase =
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    try {
      return snakeCase.treeToValue(executionPlan, CampaignPlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the wizard's execution plan does not read as a CampaignPlan", e);
    }
  }

  private static CampaignPlan reviewOnly(CampaignPlan plan) {
    PlanModule review =
        plan.modules().stream()
            .filter(m -> m.id().equals("review_approval"))
            .findFirst()
            .orElseThrow();
    PlanModule alone =
        new PlanModule(
            review.id(),
            review.title(),
            review.agent(),
            List.of(),
            review.tasks(),
            review.outputs());
    return new CampaignPlan(
        plan.planId(),
        plan.wizardId(),
        plan.campaignName(),
        plan.launchDate(),
        plan.approvalRequired(),
        plan.channels(),
        plan.answers(),
        List.of(alone),
        plan.estimatedDuration(),
        plan.agentsRequired(),
        plan.toolsRequired(),
        plan.successCriteria());
  }
}
