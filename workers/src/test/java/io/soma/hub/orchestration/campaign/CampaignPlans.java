package io.soma.hub.orchestration.campaign;

import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plans shaped like the ones the wizard builds for marketing_campaign_v1, and synthetic ones; no
 * wizard code.
 */
final class CampaignPlans {

  static final String TENANT = "acme";
  static final String NAME = "Spring Launch";
  static final List<String> CHANNELS = List.of("email", "social_linkedin", "blog");

  private CampaignPlans() {}

  /**
   * The six modules; with {@code keepReview} false, review_approval is dropped and distribution
   * rewired.
   */
  static CampaignPlan marketing(boolean approvalRequired, boolean keepReview) {
    List<PlanModule> modules = new ArrayList<>();
    modules.add(
        new PlanModule(
            CampaignModules.RESEARCH,
            "Research for " + NAME,
            "strategist",
            List.of(),
            List.of(
                new PlanTask(
                    "notion.search_database",
                    "Search research",
                    Map.of("query", "developers", "database_id", "research-database")),
                new PlanTask("plane.create_cycle", "Plan the cycle", Map.of("name", NAME))),
            List.of("research_summary")));
    modules.add(
        new PlanModule(
            CampaignModules.CONTENT,
            "Content",
            "content_writer",
            List.of(CampaignModules.RESEARCH),
            List.of(
                new PlanTask(
                    TaskRunner.RETRIEVE, "Earlier campaigns", Map.of("query", "launch developers")),
                new PlanTask(
                    TaskRunner.CHAT,
                    "Write content",
                    Map.of(
                        "prompt_template",
                        "Write for {audience}",
                        "variables",
                        Map.of("audience", "developers")))),
            List.of("content_pieces")));
    modules.add(
        new PlanModule(
            CampaignModules.DESIGN,
            "Design",
            "designer",
            List.of(CampaignModules.CONTENT),
            List.of(new PlanTask(DesignAssets.RENDER, "Render", Map.of("file_key", "brand-kit"))),
            List.of("assets")));
    if (keepReview) {
      modules.add(
          new PlanModule(
              CampaignModules.REVIEW,
              "Review",
              "distribution_manager",
              List.of(CampaignModules.CONTENT, CampaignModules.DESIGN),
              List.of(
                  new PlanTask(
                      ReviewRequest.PULL_REQUEST,
                      "Open the PR",
                      Map.of("repo", "marketing-content", "branch", "campaign/" + NAME)),
                  new PlanTask(
                      ReviewRequest.MESSAGE,
                      "Ask for review",
                      Map.of("channel", "#marketing-approvals"))),
              List.of("github_pr_url")));
    }
    modules.add(
        new PlanModule(
            CampaignModules.DISTRIBUTION,
            "Distribution",
            "distribution_manager",
            keepReview
                ? List.of(CampaignModules.REVIEW)
                : List.of(CampaignModules.CONTENT, CampaignModules.DESIGN),
            List.of(
                new PlanTask(
                    "conditional_distribution", "Publish", Map.of("logic", "per channel"))),
            List.of("published_channels")));
    modules.add(
        new PlanModule(
            CampaignModules.ANALYTICS,
            "Analytics",
            "distribution_manager",
            List.of(CampaignModules.DISTRIBUTION),
            List.of(
                new PlanTask(
                    TaskRunner.REMEMBER,
                    "Remember the campaign",
                    Map.of(
                        "key",
                        "campaign:" + NAME,
                        "metadata",
                        Map.of(
                            "launch_date",
                            "2031-05-01",
                            "channels",
                            CHANNELS,
                            "metrics",
                            List.of("clicks"))))),
            List.of("metrics_query_hint", "logs_label_hint")));
    return plan(approvalRequired, modules);
  }

  static CampaignPlan plan(boolean approvalRequired, List<PlanModule> modules) {
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("campaign_name", NAME);
    answers.put("campaign_type", "product_launch");
    answers.put("target_audience", List.of("developers", "team leads"));
    answers.put("key_messages", "Ship faster with Soma.");
    answers.put("brand_voice", "friendly");
    answers.put("approval_required", approvalRequired);
    return new CampaignPlan(
        "plan-wiz-1",
        "wiz-1",
        NAME,
        "2031-05-01",
        approvalRequired,
        CHANNELS,
        answers,
        modules,
        "3-5 days",
        List.of("strategist"),
        List.of("notion"),
        List.of("launched"));
  }

  /** A generic module running one webhook task. */
  static PlanModule task(String id, String... dependencies) {
    return new PlanModule(
        id,
        id,
        "agent",
        List.of(dependencies),
        List.of(new PlanTask("plane.create_issue", id, Map.of("title", id))),
        List.of());
  }

  static CampaignRequest request(CampaignPlan plan, long approvalTimeoutSeconds) {
    String campaignId = "camp-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new CampaignRequest(campaignId, TENANT, "alice", plan, approvalTimeoutSeconds);
  }

  /** Starts the campaign and returns its stub once it waits in review_approval for a decision. */
  static MarketingCampaignWorkflow awaitingApproval(
      WorkflowClient client, WorkflowOptions testOptions, CampaignRequest request) {
    MarketingCampaignWorkflow campaign =
        client.newWorkflowStub(MarketingCampaignWorkflow.class, startOptions(testOptions, request));
    WorkflowClient.start(campaign::run, request);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> campaign.progress().phase().equals("awaiting_approval"));
    return campaign;
  }

  static WorkflowOptions startOptions(WorkflowOptions testOptions, CampaignRequest request) {
    return WorkflowOptions.newBuilder(testOptions)
        .setWorkflowId(CampaignIds.workflowId(request.campaignId()))
        .setMemo(
            Map.of(
                CampaignMemo.TENANT,
                request.tenant(),
                CampaignMemo.CAMPAIGN_NAME,
                request.plan().campaignName()))
        .build();
  }
}
