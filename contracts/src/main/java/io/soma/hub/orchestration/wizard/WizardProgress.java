package io.soma.hub.orchestration.wizard;

/** How far a wizard is: answered questions of all questions, and the share in whole percent. */
public record WizardProgress(int completedSteps, int totalSteps, int percentage) {

  public static WizardProgress of(int completedSteps, int totalSteps) {
    int percentage = totalSteps == 0 ? 100 : (int) ((completedSteps * 100L) / totalSteps);
    return new WizardProgress(completedSteps, totalSteps, percentage);
  }
}
