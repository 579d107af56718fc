package io.soma.hub.orchestration.wizard;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One wizard session, durable in Temporal: it holds the answers, checks each one against its
 * question before it is accepted (a rejected update writes nothing to the history), builds the
 * execution plan on the last answer, and starts the marketing campaign as a child workflow on
 * approval. It ends after the approval, or after {@link WizardStart#idleTimeoutSeconds()} without
 * an answer.
 */
@WorkflowInterface
public interface WizardWorkflow {

  String TYPE = "wizard-session-workflow";
  String ANSWER = "answer";
  String APPROVE = "approve";
  String STATE = "state";

  @WorkflowMethod(name = TYPE)
  WizardOutcome run(WizardStart start);

  /**
   * Records the answer to the current question and returns the new state (with the plan once
   * completed).
   */
  @UpdateMethod(name = ANSWER)
  WizardState answer(WizardAnswer answer);

  /**
   * Rejects, with an {@code ApplicationFailure} of type {@link WizardFailures#INVALID_ANSWER}
   * (details: question id, rule) or {@link WizardFailures#ALREADY_COMPLETED}, an answer that may
   * not be recorded.
   */
  @UpdateValidatorMethod(updateName = ANSWER)
  void validateAnswer(WizardAnswer answer);

  /** Starts the campaign of the completed wizard, once: approving again returns the same ids. */
  @UpdateMethod(name = APPROVE)
  ApprovalAccepted approve(WizardApproval approval);

  /** Rejects with {@link WizardFailures#NOT_COMPLETED} while questions are unanswered. */
  @UpdateValidatorMethod(updateName = APPROVE)
  void validateApprove(WizardApproval approval);

  @QueryMethod(name = STATE)
  WizardState state();
}
