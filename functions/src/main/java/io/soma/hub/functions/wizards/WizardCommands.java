package io.soma.hub.functions.wizards;

import io.soma.hub.functions.caller.Caller;

/** The inputs of the wizard functions. */
public final class WizardCommands {

  private WizardCommands() {}

  public record ListWizards(Caller caller) {}

  public record StartWizard(Caller caller, StartWizardBody body) {}

  /** @param value the answer as a plain JSON value (String, Number, Boolean, List, Map or null) */
  public record AnswerWizard(Caller caller, String sessionId, Object value) {}

  public record WizardLookup(Caller caller, String sessionId) {}

  public record ApproveWizard(Caller caller, String sessionId) {}
}
