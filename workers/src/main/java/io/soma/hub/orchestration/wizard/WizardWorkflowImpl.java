package io.soma.hub.orchestration.wizard;

import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.UpdateRejection;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignMemo;
import io.soma.hub.orchestration.campaign.CampaignPlan;
import io.soma.hub.orchestration.campaign.CampaignRequest;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.orchestration.events.HubEventTypes;
import io.soma.hub.orchestration.events.WorkflowEvents;
import io.soma.hub.wizard.AnswerRejected;
import io.soma.hub.wizard.AnswerRules;
import io.soma.hub.wizard.PlanBuilder;
import io.soma.hub.wizard.Question;
import io.soma.hub.wizard.QuestionViews;
import io.soma.hub.wizard.WizardCatalogue;
import io.soma.hub.wizard.WizardDefinition;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * A wizard session held by Temporal. Answers arrive as updates; the validator refuses a bad answer
 * before anything is written, so a rejection changes nothing. "Today" for date rules is the
 * workflow's clock in UTC.
 */
public class WizardWorkflowImpl implements WizardWorkflow {

  /** When the gateway passes no idle timeout. */
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofDays(7);

  /** When the gateway passes no approval timeout. */
  static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(24);

  /**
   * The campaign's run timeout is its approval wait plus this, for the modules before and after the
   * approval.
   */
  static final Duration CAMPAIGN_RUN_MARGIN = Duration.ofDays(2);

  private static final Logger log = Workflow.getLogger(WizardWorkflowImpl.class);

  private final WizardStart start;
  private final boolean eventsEnabled;
  private final WizardDefinition wizard;
  private final String startedAt;
  private final Map<String, Object> answers = new LinkedHashMap<>();
  private int currentStep = 1;
  private String completedAt;
  private CampaignPlan plan;
  private boolean approving;
  private ApprovalAccepted accepted;
  private boolean expired;
  private int changes;
  private boolean completionPublished;

  /**
   * Runs before any update handler, so a handler never sees a half-initialised session. Without
   * events.
   */
  @WorkflowInit
  public WizardWorkflowImpl(WizardStart start) {
    this(start, false);
  }

  /**
   * @param eventsEnabled whether this worker publishes events (see {@link WorkflowEvents})
   */
  public WizardWorkflowImpl(WizardStart start, boolean eventsEnabled) {
    this.start = start;
    this.eventsEnabled = eventsEnabled;
    this.wizard = WizardCatalogue.standard().find(start.wizardId()).orElse(null);
    this.startedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }

  @Override
  public WizardOutcome run(WizardStart start) {
    if (wizard == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no wizard " + start.wizardId() + " in the catalogue", WizardFailures.UNKNOWN_WIZARD);
    }
    WorkflowEvents events = WorkflowEvents.start(eventsEnabled);
    Duration idle =
        start.idleTimeoutSeconds() > 0
            ? Duration.ofSeconds(start.idleTimeoutSeconds())
            : DEFAULT_IDLE_TIMEOUT;
    while (true) {
      int seen = changes;
      boolean moved = Workflow.await(idle, () -> accepted != null || changes != seen);
      // Published here rather than in the answer's update handler, so the answer's reply never
      // waits for it.
      if (plan != null && !completionPublished) {
        completionPublished = true;
        events.publish(
            HubEventTypes.WIZARD_COMPLETED,
            start.sessionId(),
            start.tenant(),
            Map.of("wizard_id", start.wizardId(), "plan_id", plan.planId()));
      }
      if (accepted != null) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        log.info("Wizard {} approved into campaign {}", start.sessionId(), accepted.campaignId());
        return new WizardOutcome(start.sessionId(), WizardOutcome.APPROVED, accepted.campaignId());
      }
      if (!moved && !approving) {
        expired = true;
        log.info(
            "Wizard {} expired after {} without an answer or approval", start.sessionId(), idle);
        return new WizardOutcome(start.sessionId(), WizardOutcome.EXPIRED, null);
      }
    }
  }

  @Override
  public void validateAnswer(WizardAnswer answer) {
    if (plan != null) {
      throw new UpdateRejection(
          "every question of wizard "
              + start.sessionId()
              + " is answered; approve it or start a new one",
          WizardFailures.ALREADY_COMPLETED);
    }
    requireCurrentQuestion(answer);
    try {
      AnswerRules.check(currentQuestion(), answer == null ? null : answer.value(), today());
    } catch (AnswerRejected rejected) {
      throw new UpdateRejection(
          rejected.getMessage(),
          WizardFailures.INVALID_ANSWER,
          rejected.questionId(),
          rejected.rule());
    }
  }

  /**
   * An answer meant for another question (one that was answered meanwhile) is refused, not moved on
   * to the next.
   */
  private void requireCurrentQuestion(WizardAnswer answer) {
    Question current = currentQuestion();
    if (answer != null
        && answer.questionId() != null
        && !answer.questionId().equals(current.id())) {
      throw new UpdateRejection(
          "the answer is for question "
              + answer.questionId()
              + ", but the current question of wizard "
              + start.sessionId()
              + " is "
              + current.id()
              + " (step "
              + currentStep
              + ")",
          WizardFailures.NOT_CURRENT_QUESTION,
          current.id(),
          currentStep);
    }
  }

  @Override
  public WizardState answer(WizardAnswer answer) {
    if (plan != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "already completed", WizardFailures.ALREADY_COMPLETED);
    }
    try {
      requireCurrentQuestion(answer); // again, as in checked(): a replay skips the validator
    } catch (UpdateRejection refused) {
      throw refused.failure();
    }
    Question question = currentQuestion();
    answers.put(question.id(), checked(answer));
    currentStep++;
    changes++;
    if (currentStep > wizard.totalSteps()) {
      completedAt = now().toString();
      plan = PlanBuilder.build(wizard, start.sessionId(), new LinkedHashMap<>(answers));
      log.info(
          "Wizard {} completed: plan {} with {} modules",
          start.sessionId(),
          plan.planId(),
          plan.modules().size());
    }
    return state();
  }

  @Override
  public void validateApprove(WizardApproval approval) {
    if (plan == null) {
      throw new UpdateRejection(
          "wizard "
              + start.sessionId()
              + " is not completed: "
              + (currentStep - 1)
              + " of "
              + wizard.totalSteps()
              + " questions are answered",
          WizardFailures.NOT_COMPLETED);
    }
  }

  @Override
  public ApprovalAccepted approve(WizardApproval approval) {
    if (accepted != null) {
      return accepted;
    }
    if (approving) {
      Workflow.await(() -> accepted != null || !approving);
      if (accepted != null) {
        return accepted;
      }
    }
    approving = true;
    String campaignId = CampaignIds.forWizard(start.sessionId());
    String workflowId = CampaignIds.workflowId(campaignId);
    Duration approvalTimeout =
        approval.approvalTimeoutSeconds() > 0
            ? Duration.ofSeconds(approval.approvalTimeoutSeconds())
            : DEFAULT_APPROVAL_TIMEOUT;
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.SESSIONS)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowRunTimeout(approvalTimeout.plus(CAMPAIGN_RUN_MARGIN))
            .setMemo(
                Map.of(
                    CampaignMemo.TENANT,
                    start.tenant(),
                    CampaignMemo.CAMPAIGN_NAME,
                    plan.campaignName()))
            .build();
    MarketingCampaignWorkflow campaign =
        Workflow.newChildWorkflowStub(MarketingCampaignWorkflow.class, options);
    CampaignRequest request =
        new CampaignRequest(
            campaignId, start.tenant(), approval.subject(), plan, approvalTimeout.toSeconds());
    Async.function(campaign::run, request);
    try {
      Workflow.getWorkflowExecution(campaign).get();
    } catch (TemporalFailure failure) {
      approving = false;
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "the campaign " + campaignId + " could not be started", "CampaignNotStarted", failure);
    }
    accepted = new ApprovalAccepted(campaignId, workflowId);
    changes++;
    return accepted;
  }

  @Override
  public WizardState state() {
    int total = wizard == null ? 0 : wizard.totalSteps();
    boolean completed = plan != null;
    String status =
        accepted != null
            ? WizardState.APPROVED
            : expired
                ? WizardState.EXPIRED
                : completed ? WizardState.COMPLETED : WizardState.IN_PROGRESS;
    return new WizardState(
        start.sessionId(),
        start.wizardId(),
        wizard == null ? null : wizard.title(),
        status,
        currentStep,
        total,
        completed || wizard == null ? null : QuestionViews.view(currentQuestion(), today()),
        WizardProgress.of(Math.min(currentStep - 1, total), total),
        Collections.unmodifiableMap(new LinkedHashMap<>(answers)),
        start.metadata(),
        startedAt,
        completedAt,
        plan,
        accepted == null ? null : accepted.campaignId(),
        accepted == null ? null : accepted.workflowId());
  }

  /**
   * The answer's value as it will be recorded. The validator has passed it; a replay skips
   * validators, so the handler checks again and fails the update (rather than the workflow task)
   * should it not pass.
   */
  private Object checked(WizardAnswer answer) {
    try {
      return AnswerRules.check(currentQuestion(), answer == null ? null : answer.value(), today());
    } catch (AnswerRejected rejected) {
      throw ApplicationFailure.newNonRetryableFailure(
          rejected.getMessage(),
          WizardFailures.INVALID_ANSWER,
          rejected.questionId(),
          rejected.rule());
    }
  }

  private Question currentQuestion() {
    return wizard.questionAt(currentStep).orElseThrow();
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private LocalDate today() {
    return LocalDate.ofInstant(now(), ZoneOffset.UTC);
  }
}
