package io.soma.hub.orchestration.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignMemo;
import io.soma.hub.orchestration.campaign.CampaignPlan;
import io.soma.hub.orchestration.campaign.CampaignRequest;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.orchestration.campaign.PlanModule;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WizardWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(WizardWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void answersAdvanceTheWizardAndTheLastOneProducesThePlan(
      TestWorkflowEnvironment env, WorkflowClient client) {
    Wizards.startWorker(env);
    WizardStart start = Wizards.start("acme", 3600);
    WizardWorkflow wizard = Wizards.started(client, start);
    LocalDate today = Wizards.today(env);

    WizardState first = wizard.state();
    assertThat(first.status()).isEqualTo(WizardState.IN_PROGRESS);
    assertThat(first.currentStep()).isEqualTo(1);
    assertThat(first.question().id()).isEqualTo("campaign_name");
    assertThat(first.progress()).isEqualTo(new WizardProgress(0, 10, 0));

    WizardState second = wizard.answer(new WizardAnswer("  Spring Launch ", null));
    assertThat(second.currentStep()).isEqualTo(2);
    assertThat(second.question().id()).isEqualTo("campaign_type");
    assertThat(second.question().defaultValue()).isEqualTo("product_launch");
    assertThat(second.answers()).containsEntry("campaign_name", "Spring Launch");
    assertThat(second.progress()).isEqualTo(new WizardProgress(1, 10, 10));

    List<Object> rest = Wizards.validAnswers(today, false).subList(1, 10);
    WizardState done = Wizards.answerAll(wizard, rest);

    assertThat(done.status()).isEqualTo(WizardState.COMPLETED);
    assertThat(done.question()).isNull();
    assertThat(done.progress()).isEqualTo(new WizardProgress(10, 10, 100));
    assertThat(done.completedAt()).isNotNull();
    assertThat(done.answers())
        .hasEntrySatisfying("budget", budget -> assertThat(((Number) budget).longValue()).isZero())
        .containsEntry("approval_required", false)
        .containsEntry("target_audience", List.of("Enterprise CTOs", "DevOps Engineers"));
    CampaignPlan plan = done.executionPlan();
    assertThat(plan.planId()).isEqualTo("plan-" + start.sessionId());
    assertThat(plan.campaignName()).isEqualTo("Spring Launch");
    assertThat(plan.modules())
        .extracting(PlanModule::id)
        .doesNotContain("review_approval")
        .hasSize(5);
    assertThat(wizard.state()).isEqualTo(done);
  }

  @Test
  void aRejectedAnswerNamesQuestionAndRuleAndChangesNothing(
      TestWorkflowEnvironment env, WorkflowClient client) {
    Wizards.startWorker(env);
    WizardStart start = Wizards.start("acme", 3600);
    WizardWorkflow wizard = Wizards.started(client, start);
    wizard.answer(new WizardAnswer("Spring Launch", null));
    WizardState before = wizard.state();
    long acceptedBefore = acceptedUpdates(client, start);

    assertRejected(
        () -> wizard.answer(new WizardAnswer("webinar", null)),
        WizardFailures.INVALID_ANSWER,
        "campaign_type",
        "options");
    assertRejected(
        () -> wizard.answer(new WizardAnswer(null, null)),
        WizardFailures.INVALID_ANSWER,
        "campaign_type",
        "required");
    assertRejected(
        () -> wizard.answer(new WizardAnswer(List.of("bold"), null)),
        WizardFailures.INVALID_ANSWER,
        "campaign_type",
        "type");

    assertThat(wizard.state()).isEqualTo(before);
    assertThat(acceptedUpdates(client, start))
        .as("a rejected update is never accepted into the history")
        .isEqualTo(acceptedBefore);
  }

  @Test
  void approvalBeforeCompletionIsRejected(TestWorkflowEnvironment env, WorkflowClient client) {
    Wizards.startWorker(env);
    WizardWorkflow wizard = Wizards.started(client, Wizards.start("acme", 3600));

    assertRejected(
        () -> wizard.approve(new WizardApproval("ann", 600)),
        WizardFailures.NOT_COMPLETED,
        null,
        null);
    assertThat(wizard.state().status()).isEqualTo(WizardState.IN_PROGRESS);
  }

  @Test
  void aCompletedWizardTakesNoMoreAnswers(TestWorkflowEnvironment env, WorkflowClient client) {
    Wizards.startWorker(env);
    WizardWorkflow wizard = Wizards.started(client, Wizards.start("acme", 3600));
    Wizards.answerAll(wizard, Wizards.validAnswers(Wizards.today(env), true));

    assertRejected(
        () -> wizard.answer(new WizardAnswer("more", null)),
        WizardFailures.ALREADY_COMPLETED,
        null,
        null);
  }

  @Test
  void anAnswerThatNamesItsQuestionCountsOnlyForThatQuestion(
      TestWorkflowEnvironment env, WorkflowClient client) {
    Wizards.startWorker(env);
    WizardStart start = Wizards.start("acme", 3600);
    WizardWorkflow wizard = Wizards.started(client, start);

    WizardState second = wizard.answer(new WizardAnswer("Spring Launch", "campaign_name"));
    assertThat(second.question().id()).isEqualTo("campaign_type");
    long acceptedBefore = acceptedUpdates(client, start);

    assertNotCurrent(
        () -> wizard.answer(new WizardAnswer("Autumn Launch", "campaign_name")),
        "campaign_type",
        2);
    // also when the value would pass the current question's rules: it was meant for another
    // question
    assertNotCurrent(
        () -> wizard.answer(new WizardAnswer("product_launch", "campaign_name")),
        "campaign_type",
        2);
    assertThat(wizard.state()).isEqualTo(second);
    assertThat(acceptedUpdates(client, start)).isEqualTo(acceptedBefore);
    assertThat(wizard.answer(new WizardAnswer("product_launch", "campaign_type")).currentStep())
        .isEqualTo(3);
  }

  @Test
  void ofConcurrentAnswersToOneQuestionExactlyOneIsRecorded(
      TestWorkflowEnvironment env, WorkflowClient client) throws Exception {
    Wizards.startWorker(env);
    WizardStart start = Wizards.start("acme", 3600);
    WizardWorkflow wizard = Wizards.started(client, start);
    int answerers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<WizardState>> sent = new ArrayList<>();

    ExecutorService pool = Executors.newFixedThreadPool(answerers);
    try {
      for (int i = 0; i < answerers; i++) {
        WizardAnswer answer = new WizardAnswer("Launch number " + i, "campaign_name");
        sent.add(
            pool.submit(
                () -> {
                  go.await();
                  return wizard.answer(answer);
                }));
      }
      go.countDown();
      int recorded = 0;
      for (Future<WizardState> answer : sent) {
        try {
          answer.get(30, TimeUnit.SECONDS);
          recorded++;
        } catch (ExecutionException e) {
          ApplicationFailure failure =
              WizardFailures.find(e.getCause()).orElseThrow(() -> new AssertionError(e.getCause()));
          assertThat(failure.getType()).isEqualTo(WizardFailures.NOT_CURRENT_QUESTION);
        }
      }

      assertThat(recorded).isEqualTo(1);
      WizardState state = wizard.state();
      assertThat(state.currentStep()).isEqualTo(2);
      assertThat(state.answers()).containsOnlyKeys("campaign_name");
      assertThat(acceptedUpdates(client, start)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void approvalStartsExactlyOneCampaignWithThePlanAndEndsTheWizard(
      TestWorkflowEnvironment env, WorkflowClient client) {
    Wizards.startWorker(env);
    WizardStart start = Wizards.start("acme", 3600);
    WizardWorkflow wizard = Wizards.started(client, start);
    WizardState completed =
        Wizards.answerAll(wizard, Wizards.validAnswers(Wizards.today(env), true));

    ApprovalAccepted accepted = wizard.approve(new WizardApproval("bob", 7200));

    String campaignId = CampaignIds.forWizard(start.sessionId());
    assertThat(accepted)
        .isEqualTo(new ApprovalAccepted(campaignId, CampaignIds.workflowId(campaignId)));
    // Before waiting on the wizard's result: while a test blocks on a result, the test server skips
    // time, which
    // would run out the campaign's approval timer.
    assertThat(openCampaigns(env)).isEqualTo(1);
    assertThat(
            client
                .newWorkflowStub(MarketingCampaignWorkflow.class, accepted.workflowId())
                .progress()
                .approval()
                .state())
        .isEqualTo("waiting");
    WizardOutcome outcome = WorkflowStub.fromTyped(wizard).getResult(WizardOutcome.class);
    assertThat(outcome)
        .isEqualTo(new WizardOutcome(start.sessionId(), WizardOutcome.APPROVED, campaignId));

    WizardState state = wizard.state();
    assertThat(state.status()).isEqualTo(WizardState.APPROVED);
    assertThat(state.campaignId()).isEqualTo(campaignId);
    assertThat(state.campaignWorkflowId()).isEqualTo(accepted.workflowId());

    WorkflowExecutionDescription campaign =
        client.newUntypedWorkflowStub(accepted.workflowId()).describe();
    assertThat(campaign.getMemo(CampaignMemo.TENANT, String.class)).isEqualTo("acme");
    assertThat(campaign.getMemo(CampaignMemo.CAMPAIGN_NAME, String.class))
        .isEqualTo("Spring Launch");
    CampaignRequest request = campaignInput(client, accepted.workflowId());
    assertThat(request.campaignId()).isEqualTo(campaignId);
    assertThat(request.tenant()).isEqualTo("acme");
    assertThat(request.subject()).isEqualTo("bob");
    assertThat(request.approvalTimeoutSeconds()).isEqualTo(7200);
    assertThat(request.plan()).isEqualTo(completed.executionPlan());
  }

  @Test
  void concurrentApprovalsShareOneCampaign(TestWorkflowEnvironment env, WorkflowClient client)
      throws Exception {
    Wizards.startWorker(env);
    WizardStart start = Wizards.start("acme", 3600);
    WizardWorkflow wizard = Wizards.started(client, start);
    Wizards.answerAll(wizard, Wizards.validAnswers(Wizards.today(env), true));

    Supplier<ApprovalAccepted> first =
        approve(wizard, "approve-bob", new WizardApproval("bob", 600));
    Supplier<ApprovalAccepted> second =
        approve(wizard, "approve-eve", new WizardApproval("eve", 600));

    assertThat(first.get()).isEqualTo(second.get());
    // Open or closed: blocking on the results lets the test server skip time past the campaign's
    // approval timeout.
    assertThat(openCampaigns(env) + closedCampaigns(env)).isEqualTo(1);
    assertThat(campaignInput(client, first.get().workflowId()).subject()).isEqualTo("bob");
  }

  @Test
  void aWizardWithoutAnswersExpiresAfterItsIdleTimeout(
      TestWorkflowEnvironment env, WorkflowClient client) {
    Wizards.startWorker(env);
    WizardStart start = Wizards.start("acme", Duration.ofHours(2).toSeconds());
    WizardWorkflow wizard = Wizards.started(client, start);
    wizard.answer(new WizardAnswer("Spring Launch", null));

    WizardOutcome outcome = WorkflowStub.fromTyped(wizard).getResult(WizardOutcome.class);

    assertThat(outcome)
        .isEqualTo(new WizardOutcome(start.sessionId(), WizardOutcome.EXPIRED, null));
    assertThat(wizard.state().status()).isEqualTo(WizardState.EXPIRED);
    assertThat(wizard.state().answers()).containsEntry("campaign_name", "Spring Launch");
    assertThat(openCampaigns(env)).isZero();
  }

  /**
   * Starts an approval update under its own id, and returns its answer. The server answers "update
   * not found" in two cases, which the client raises alike as WorkflowNotFoundException:
   *
   * <ul>
   *   <li>The wizard has closed: the first approval's campaign started and the wizard returned
   *       before this update arrived (a busy machine delays the test's thread between the two
   *       calls). The answer is then the wizard's campaign, read from its state, as the gateway
   *       answers it (WizardSessions.approve).
   *   <li>The workflow task that carried the update failed (a busy machine's task timeout), which
   *       the server documents as transient and fixed by a retry; the same update id makes the
   *       retry the same update. The retries back off and go on for 30 s, past the 10 s workflow
   *       task timeout after which the server retries the task.
   * </ul>
   */
  private static Supplier<ApprovalAccepted> approve(
      WizardWorkflow wizard, String updateId, WizardApproval approval) throws InterruptedException {
    WorkflowStub untyped = WorkflowStub.fromTyped(wizard);
    UpdateOptions<ApprovalAccepted> options =
        UpdateOptions.newBuilder(ApprovalAccepted.class)
            .setUpdateName(WizardWorkflow.APPROVE)
            .setUpdateId(updateId)
            .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
            .build();
    long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        WorkflowUpdateHandle<ApprovalAccepted> handle = untyped.startUpdate(options, approval);
        return handle::getResult;
      } catch (WorkflowNotFoundException e) {
        if (untyped.describe().getStatus()
            != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          WizardState closed = wizard.state();
          return () -> new ApprovalAccepted(closed.campaignId(), closed.campaignWorkflowId());
        }
        if (System.nanoTime() > giveUpAt || !String.valueOf(e.getCause()).contains("update")) {
          throw e;
        }
        Thread.sleep(Math.min(100L * attempt, 1_000L));
      }
    }
  }

  static void assertRejected(ThrowingCallable call, String type, String question, String rule) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            WorkflowUpdateException.class,
            rejected -> {
              ApplicationFailure failure = WizardFailures.find(rejected).orElseThrow();
              assertThat(failure.getType()).isEqualTo(type);
              if (question != null) {
                assertThat(failure.getDetails().get(0, String.class)).isEqualTo(question);
                assertThat(failure.getDetails().get(1, String.class)).isEqualTo(rule);
                assertThat(failure.getOriginalMessage()).startsWith(question + " ");
              }
            });
  }

  static void assertNotCurrent(ThrowingCallable call, String currentQuestion, int currentStep) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            WorkflowUpdateException.class,
            rejected -> {
              ApplicationFailure failure = WizardFailures.find(rejected).orElseThrow();
              assertThat(failure.getType()).isEqualTo(WizardFailures.NOT_CURRENT_QUESTION);
              assertThat(failure.getDetails().get(0, String.class)).isEqualTo(currentQuestion);
              assertThat(failure.getDetails().get(1, Integer.class)).isEqualTo(currentStep);
              assertThat(failure.getOriginalMessage())
                  .endsWith(" is " + currentQuestion + " (step " + currentStep + ")");
            });
  }

  static long acceptedUpdates(WorkflowClient client, WizardStart start) {
    return client.fetchHistory(WizardIds.workflowId(start.sessionId())).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .count();
  }

  static long openCampaigns(TestWorkflowEnvironment env) {
    return campaignsIn(
        env.getWorkflowServiceStubs()
            .blockingStub()
            .listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setMaximumPageSize(100)
                    .build())
            .getExecutionsList());
  }

  static long closedCampaigns(TestWorkflowEnvironment env) {
    return campaignsIn(
        env.getWorkflowServiceStubs()
            .blockingStub()
            .listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setMaximumPageSize(100)
                    .build())
            .getExecutionsList());
  }

  private static long campaignsIn(List<WorkflowExecutionInfo> executions) {
    return executions.stream()
        .filter(e -> e.getType().getName().equals(MarketingCampaignWorkflow.TYPE))
        .count();
  }

  static CampaignRequest campaignInput(WorkflowClient client, String workflowId) {
    Payloads input =
        client
            .fetchHistory(workflowId)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0, Optional.of(input), CampaignRequest.class, CampaignRequest.class);
  }
}
