package io.soma.hub.orchestration.wizard;

import io.soma.hub.orchestration.UpdateRejection;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.Set;

/** {@code ApplicationFailure} types with which the wizard workflow rejects an update. */
public final class WizardFailures {

  /** The answer breaks a rule of its question. Details: the question id, the rule name. */
  public static final String INVALID_ANSWER = "WizardInvalidAnswer";

  /**
   * The answer names a question that is not the current one (another answer got there first).
   * Details: the current question's id, its step.
   */
  public static final String NOT_CURRENT_QUESTION = "WizardNotCurrentQuestion";

  /** Every question is already answered. */
  public static final String ALREADY_COMPLETED = "WizardAlreadyCompleted";

  /** Approval of a wizard whose questions are not all answered. */
  public static final String NOT_COMPLETED = "WizardNotCompleted";

  /** The session names a wizard the catalogue does not have. */
  public static final String UNKNOWN_WIZARD = "WizardUnknown";

  private static final Set<String> TYPES =
      Set.of(
          INVALID_ANSWER, NOT_CURRENT_QUESTION, ALREADY_COMPLETED, NOT_COMPLETED, UNKNOWN_WIZARD);

  private WizardFailures() {}

  /**
   * The wizard's own failure in a cause chain (an update rejection or failure), if there is one.
   */
  public static Optional<ApplicationFailure> find(Throwable failure) {
    return UpdateRejection.find(failure, TYPES);
  }
}
