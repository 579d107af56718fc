package io.soma.hub.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.orchestration.campaign.CampaignPlan;
import io.soma.hub.orchestration.campaign.PlanModule;
import io.soma.hub.orchestration.campaign.PlanTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {

  static final WizardDefinition WIZARD =
      WizardCatalogue.standard().find("marketing_campaign_v1").orElseThrow();

  static Map<String, Object> answers(boolean approvalRequired) {
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("campaign_name", "Spring Launch");
    answers.put("campaign_type", "product_launch");
    answers.put("target_audience", List.of("CTOs", "Founders"));
    answers.put("channels", List.of("email", "social_linkedin", "paid_ads"));
    answers.put("launch_date", "2026-04-01");
    answers.put("budget", 0L);
    answers.put("key_messages", "Faster deploys.");
    answers.put("success_metrics", List.of("clicks", "leads"));
    answers.put("brand_voice", "bold");
    answers.put("approval_required", approvalRequired);
    return answers;
  }

  static PlanModule module(CampaignPlan plan, String id) {
    return plan.modules().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void withApprovalAllSixModulesArePlannedWithTheAnswersInterpolated() {
    CampaignPlan plan = PlanBuilder.build(WIZARD, "wiz-0123456789ab", answers(true));

    assertThat(plan.planId()).isEqualTo("plan-wiz-0123456789ab");
    assertThat(plan.wizardId()).isEqualTo("marketing_campaign_v1");
    assertThat(plan.campaignName()).isEqualTo("Spring Launch");
    assertThat(plan.launchDate()).isEqualTo("2026-04-01");
    assertThat(plan.approvalRequired()).isTrue();
    assertThat(plan.channels()).containsExactly("email", "social_linkedin", "paid_ads");
    assertThat(plan.modules())
        .extracting(PlanModule::id)
        .containsExactly(
            "research_phase",
            "content_creation",
            "design_assets",
            "review_approval",
            "distribution",
            "analytics_tracking");
    assertThat(module(plan, "review_approval").dependencies())
        .containsExactly("content_creation", "design_assets");
    assertThat(module(plan, "distribution").dependencies()).containsExactly("review_approval");

    PlanTask pullRequest = module(plan, "review_approval").tasks().get(0);
    assertThat(pullRequest.action()).isEqualTo("github.create_pull_request");
    assertThat(pullRequest.params())
        .containsEntry("branch", "campaign/Spring Launch")
        .containsEntry("files", "{blog_posts}");
    assertThat(module(plan, "review_approval").tasks().get(1).params())
        .containsEntry("message", "Campaign Spring Launch ready for review");

    Map<String, Object> remember = module(plan, "analytics_tracking").tasks().get(0).params();
    assertThat(remember).containsEntry("key", "campaign:Spring Launch");
    assertThat(remember.get("metadata"))
        .isEqualTo(
            Map.of(
                "launch_date", "2026-04-01",
                "channels", List.of("email", "social_linkedin", "paid_ads"),
                "metrics", List.of("clicks", "leads")));

    assertThat(module(plan, "distribution").tasks())
        .extracting(PlanTask::action)
        .as("one task per selected channel with a distribution action; paid_ads has none")
        .containsExactly("mailchimp.create_campaign", "linkedin.schedule_post");
    assertThat(module(plan, "distribution").tasks().get(1).params())
        .isEqualTo(Map.of("channel", "social_linkedin"));
    assertThat(module(plan, "content_creation").tasks().get(1).params().get("variables"))
        .isEqualTo(List.of("campaign_name", "key_messages", "brand_voice", "target_audience"));

    assertThat(plan.toolsRequired())
        .containsExactly(
            "figma",
            "github",
            "linkedin",
            "mailchimp",
            "memory_gateway",
            "notion",
            "plane",
            "slack");
    assertThat(plan.agentsRequired())
        .containsExactly("content_writer", "designer", "distribution_manager", "strategist");
    assertThat(plan.successCriteria())
        .containsExactly(
            "all_modules_completed",
            "approval_received",
            "content_published",
            "analytics_tracking_active");
    assertThat(plan.estimatedDuration()).isEqualTo("3-5 days (including approval wait time)");
    assertThat(plan.answers()).containsEntry("budget", 0L);
  }

  @Test
  void withoutApprovalReviewIsDroppedAndDistributionFollowsWhatReviewFollowed() {
    CampaignPlan plan = PlanBuilder.build(WIZARD, "wiz-0123456789ab", answers(false));

    assertThat(plan.approvalRequired()).isFalse();
    assertThat(plan.modules())
        .extracting(PlanModule::id)
        .doesNotContain("review_approval")
        .hasSize(5);
    assertThat(module(plan, "distribution").dependencies())
        .containsExactly("content_creation", "design_assets");
    assertThat(module(plan, "analytics_tracking").dependencies()).containsExactly("distribution");
    assertThat(plan.toolsRequired()).doesNotContain("github", "slack");
    assertThat(plan.successCriteria()).doesNotContain("approval_received");
  }

  @Test
  void aTitleOrDescriptionWithAPlaceholderGetsTheAnswerAsText() {
    Interpolation interpolation =
        new Interpolation(
            Map.of(
                "campaign_name",
                "Q3",
                "channels",
                List.of("email", "blog"),
                "approval_required",
                false),
            java.util.Set.of("campaign_name", "channels", "approval_required", "budget"));

    assertThat(
            interpolation.text(
                "{campaign_name} via {channels}, approval {approval_required}, budget '{budget}'"))
        .isEqualTo("Q3 via email, blog, approval false, budget ''");
    assertThat(interpolation.value(List.of("{channels}", "x {campaign_name}", "{unknown}")))
        .isEqualTo(List.of(List.of("email", "blog"), "x Q3", "{unknown}"));
  }
}
