package io.soma.hub.functions.wizards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.campaigns.ApprovalBody;
import io.soma.hub.functions.campaigns.CampaignAccess;
import io.soma.hub.functions.campaigns.CampaignViews.Campaign;
import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.functions.temporal.BoundedCalls;
import io.soma.hub.functions.wizards.WizardCommands.StartWizard;
import io.soma.hub.functions.wizards.WizardViews.Answered;
import io.soma.hub.functions.wizards.WizardViews.Started;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignMemo;
import io.soma.hub.orchestration.campaign.CampaignRequest;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.orchestration.campaign.PlanModule;
import io.soma.hub.orchestration.wizard.ApprovalAccepted;
import io.soma.hub.orchestration.wizard.WizardAnswer;
import io.soma.hub.orchestration.wizard.WizardApproval;
import io.soma.hub.orchestration.wizard.WizardState;
import io.soma.hub.wizard.WizardCatalogue;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wizard and campaign functions as plain Java against Temporal's test server with the real
 * wizard workflow.
 */
class WizardFunctionsTest {

  private final TestWorkflowEnvironment temporal = WizardTemporal.withWorker();
  private final WizardSettings settings = WizardTemporal.settings();
  private final BoundedCalls calls = new BoundedCalls(Duration.ofSeconds(10));
  private final WizardSessions sessions = new WizardSessions(temporal.getWorkflowClient(), calls);
  private final CampaignAccess campaigns = new CampaignAccess(temporal.getWorkflowClient(), calls);
  private final Caller ann = new Caller("acme", "ann", Set.of("wizards:write", "campaigns:write"));
  private final Caller mallory =
      new Caller("globex", "mallory", Set.of("wizards:write", "campaigns:write"));

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  private String started() {
    Started started =
        WizardFunctions.start(
            WizardCatalogue.standard(),
            sessions,
            settings,
            new StartWizard(
                ann, new StartWizardBody("marketing_campaign_v1", Map.of("team", "growth"))),
            Clock.systemUTC());
    return started.sessionId();
  }

  static List<Object> answers(boolean approvalRequired) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return List.of(
        "Gateway Launch",
        "lead_generation",
        "CTOs, Founders",
        List.of("email", "blog"),
        today.plusDays(10).toString(),
        0,
        "Key message.",
        List.of("leads"),
        "technical",
        approvalRequired);
  }

  private WizardState answerAll(String id, boolean approvalRequired) {
    WizardState state = null;
    for (Object answer : answers(approvalRequired)) {
      state = sessions.answer("acme", id, new WizardAnswer(answer, null), null);
    }
    return state;
  }

  @Test
  void startComputesTheFirstQuestionAndStartsTheWorkflow() {
    Started started =
        WizardFunctions.start(
            WizardCatalogue.standard(),
            sessions,
            settings,
            new StartWizard(ann, new StartWizardBody("marketing_campaign_v1", null)),
            Clock.systemUTC());

    assertThat(started.sessionId()).matches("wiz-[0-9a-f]{12}");
    assertThat(started.currentStep()).isEqualTo(1);
    assertThat(started.totalSteps()).isEqualTo(10);
    assertThat(started.question().id()).isEqualTo("campaign_name");
    assertThat(started.question().validation())
        .containsEntry("min_length", 3)
        .containsEntry("max_length", 100);
    assertThat(sessions.state("acme", started.sessionId()).question())
        .isEqualTo(started.question());
  }

  @Test
  void anUnknownWizardIsNotFoundAndStartsNothing() {
    assertThatThrownBy(
            () ->
                WizardFunctions.start(
                    WizardCatalogue.standard(),
                    sessions,
                    settings,
                    new StartWizard(ann, new StartWizardBody("nope_v9", null)),
                    Clock.systemUTC()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope_v9");
  }

  @Test
  void aRetriedAnswerWithTheSameIdempotencyKeyIsAppliedOnce() {
    String id = started();

    WizardState first =
        sessions.answer("acme", id, new WizardAnswer("Gateway Launch", null), "retry-1");
    WizardState retried =
        sessions.answer("acme", id, new WizardAnswer("Gateway Launch", null), "retry-1");

    assertThat(Answered.of(retried).currentStep())
        .isEqualTo(Answered.of(first).currentStep())
        .isEqualTo(2);
    assertThat(sessions.state("acme", id).answers()).containsOnlyKeys("campaign_name");
  }

  @Test
  void answersRunThroughToThePlanAndApprovalStartsOneCampaign() {
    String id = started();
    WizardState second =
        sessions.answer("acme", id, new WizardAnswer("Gateway Launch", null), null);
    assertThat(Answered.of(second).currentStep()).isEqualTo(2);

    assertThatThrownBy(() -> sessions.answer("acme", id, new WizardAnswer("webinar", null), null))
        .isInstanceOfSatisfying(
            InvalidAnswerException.class,
            e -> {
              assertThat(e.question()).isEqualTo("campaign_type");
              assertThat(e.rule()).isEqualTo("options");
            });
    assertThatThrownBy(() -> sessions.approve("acme", id, new WizardApproval("ann", 600)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("not completed");

    WizardState done = null;
    for (Object answer : answers(true).subList(1, 10)) {
      done = sessions.answer("acme", id, new WizardAnswer(answer, null), null);
    }
    Answered completion = Answered.of(done);
    assertThat(completion.completed()).isTrue();
    assertThat(completion.executionPlan().modules())
        .extracting(PlanModule::id)
        .contains("review_approval");
    assertThat(completion.nextSteps().endpoints())
        .containsEntry("approve", "/v1/wizards/" + id + "/approve");
    assertThatThrownBy(() -> sessions.answer("acme", id, new WizardAnswer("more", null), null))
        .isInstanceOf(ConflictException.class);

    ApprovalAccepted accepted = sessions.approve("acme", id, new WizardApproval("ann", 600));
    String campaignId = CampaignIds.forWizard(id);
    assertThat(accepted)
        .isEqualTo(new ApprovalAccepted(campaignId, CampaignIds.workflowId(campaignId)));
    WorkflowStub.fromTyped(
            temporal
                .getWorkflowClient()
                .newWorkflowStub(
                    io.soma.hub.orchestration.wizard.WizardWorkflow.class, "wizard-" + id))
        .getResult(io.soma.hub.orchestration.wizard.WizardOutcome.class);
    assertThat(sessions.approve("acme", id, new WizardApproval("ann", 600)))
        .as("approving the closed wizard again answers the same campaign")
        .isEqualTo(accepted);
    assertThatThrownBy(() -> sessions.answer("acme", id, new WizardAnswer("more", null), null))
        .isInstanceOf(ConflictException.class);
    assertThat(sessions.state("acme", id).campaignId()).isEqualTo(campaignId);

    Campaign campaign = campaigns.read("acme", campaignId);
    assertThat(campaign.status()).isEqualTo("RUNNING");
    assertThat(campaign.campaignName()).isEqualTo("Gateway Launch");
    assertThat(campaign.approval().state()).isEqualTo("waiting");
    assertThatThrownBy(() -> campaigns.read("globex", campaignId))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                campaigns.decide("globex", campaignId, new ApprovalDecision(true, null, "mallory")))
        .isInstanceOf(NotFoundException.class);

    campaigns.decide("acme", campaignId, new ApprovalDecision(true, "ship it", "ann"));
    assertThat(campaigns.read("acme", campaignId).approval())
        .satisfies(
            approval -> {
              assertThat(approval.state()).isEqualTo("approved");
              assertThat(approval.decidedBy()).isEqualTo("ann");
            });
    assertThatThrownBy(
            () -> campaigns.decide("acme", campaignId, new ApprovalDecision(false, null, "ann")))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void anotherTenantsUnknownAndMalformedWizardsAreNotFound() {
    String id = started();

    assertThatThrownBy(() -> sessions.state(mallory.tenant(), id))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> sessions.answer(mallory.tenant(), id, new WizardAnswer("Stolen", null), null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> sessions.approve(mallory.tenant(), id, new WizardApproval("m", 60)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> sessions.state("acme", "wiz-000000000000"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> sessions.state("acme", "../etc"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> campaigns.read("acme", "camp-000000000000"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> campaigns.read("acme", "x")).isInstanceOf(NotFoundException.class);
    assertThat(sessions.state("acme", id).answers()).isEmpty();
  }

  @Test
  void withoutAWorkerAnAnswerIs503AfterTheCallTimeout() {
    TestWorkflowEnvironment bare = io.soma.hub.functions.support.TemporalTestServer.start();
    try {
      WizardSessions noWorker =
          new WizardSessions(bare.getWorkflowClient(), new BoundedCalls(Duration.ofSeconds(1)));
      Started started =
          WizardFunctions.start(
              WizardCatalogue.standard(),
              noWorker,
              settings,
              new StartWizard(ann, new StartWizardBody("marketing_campaign_v1", null)),
              Clock.systemUTC());

      long begin = System.nanoTime();
      assertThatThrownBy(
              () ->
                  noWorker.answer(
                      "acme", started.sessionId(), new WizardAnswer("Too early", null), null))
          .isInstanceOf(UnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(8));
    } finally {
      bare.close();
    }
  }

  @Test
  void withoutAWorkerADecisionIs503AfterTheCallTimeout() {
    TestWorkflowEnvironment bare = io.soma.hub.functions.support.TemporalTestServer.start();
    try {
      String campaignId = "camp-0123456789ab";
      WorkflowOptions options =
          WorkflowOptions.newBuilder()
              .setWorkflowId(CampaignIds.workflowId(campaignId))
              .setTaskQueue(TaskQueues.SESSIONS)
              .setMemo(Map.of(CampaignMemo.TENANT, "acme"))
              .build();
      MarketingCampaignWorkflow campaign =
          bare.getWorkflowClient().newWorkflowStub(MarketingCampaignWorkflow.class, options);
      WorkflowClient.start(campaign::run, new CampaignRequest(campaignId, "acme", "ann", null, 60));
      CampaignAccess noWorker =
          new CampaignAccess(bare.getWorkflowClient(), new BoundedCalls(Duration.ofSeconds(1)));

      long begin = System.nanoTime();
      assertThatThrownBy(
              () -> noWorker.decide("acme", campaignId, new ApprovalDecision(true, null, "ann")))
          .isInstanceOf(UnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(8));
    } finally {
      bare.close();
    }
  }

  @Test
  void theApprovalBodyNeedsADecisionAndABoundedComment() {
    assertThatThrownBy(() -> new ApprovalBody(null, null)).hasMessageContaining("approved");
    assertThatThrownBy(() -> new ApprovalBody(true, "x".repeat(2001)))
        .hasMessageContaining("comment");
    assertThat(new ApprovalBody(false, null).approved()).isFalse();
  }
}
