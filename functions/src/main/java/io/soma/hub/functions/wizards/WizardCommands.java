package io.soma.hub.functions.wizards;

import io.soma.hub.functions.caller.Caller;

/** The inputs of the wizard functions. */
public final class WizardCommands {

  private WizardCommands() {}

  public record ListWizards(Caller caller) {}

  public record StartWizard(Caller caller, StartWizardBody body) {}

  /**
   * @param value the answer as a plain JSON value (String, Number, Boolean, List, Map or null)
   * @param questionId the question the answer is for, or null for the current one
   * @param idempotencyKey the request's {@code Idempotency-Key}, or null: a retry with the same key
   *     is applied once
   */
  public record AnswerWizard(
      Caller caller, String sessionId, Object value, String questionId, String idempotencyKey) {}

  public record WizardLookup(Caller caller, String sessionId) {}

  public record ApproveWizard(Caller caller, String sessionId) {}
}
