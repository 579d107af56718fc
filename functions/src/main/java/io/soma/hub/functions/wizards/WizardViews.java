package io.soma.hub.functions.wizards;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.soma.hub.orchestration.campaign.CampaignPlan;
import io.soma.hub.orchestration.wizard.WizardProgress;
import io.soma.hub.orchestration.wizard.WizardQuestion;
import io.soma.hub.orchestration.wizard.WizardState;
import java.util.List;
import java.util.Map;

/** The outputs of the wizard functions, as the API documents them (snake_case on the wire). */
public final class WizardViews {

  private WizardViews() {}

  public record Catalogue(List<WizardSummary> wizards) {}

  public record WizardSummary(
      String wizardId,
      String title,
      String description,
      String version,
      String estimatedDuration,
      int totalSteps,
      List<QuestionSummary> questions) {}

  public record QuestionSummary(
      String id, int step, String type, boolean required, String prompt) {}

  public record Started(
      String sessionId,
      String wizardId,
      String wizardTitle,
      int currentStep,
      int totalSteps,
      WizardQuestion question,
      WizardProgress progress) {}

  /**
   * The next question ({@code completed: false}) or the completion with its plan ({@code completed:
   * true}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Answered(
      String sessionId,
      boolean completed,
      Integer currentStep,
      Integer totalSteps,
      WizardQuestion question,
      WizardProgress progress,
      Summary summary,
      CampaignPlan executionPlan,
      NextSteps nextSteps) {

    static Answered of(WizardState state) {
      if (!state.completed()) {
        return new Answered(
            state.sessionId(),
            false,
            state.currentStep(),
            state.totalSteps(),
            state.question(),
            state.progress(),
            null,
            null,
            null);
      }
      return new Answered(
          state.sessionId(),
          true,
          null,
          null,
          null,
          state.progress(),
          new Summary(
              state.wizardId(),
              state.wizardTitle(),
              state.answers(),
              state.startedAt(),
              state.completedAt()),
          state.executionPlan(),
          NextSteps.of(state.sessionId()));
    }
  }

  public record Summary(
      String wizardId,
      String wizardTitle,
      Map<String, Object> answers,
      String startedAt,
      String completedAt) {}

  public record NextSteps(String action, String message, Map<String, String> endpoints) {

    static NextSteps of(String sessionId) {
      return new NextSteps(
          "approve_and_execute",
          "Review the execution plan and approve it to start the campaign",
          Map.of(
              "approve",
              "/v1/wizards/" + sessionId + "/approve",
              "status",
              "/v1/wizards/" + sessionId));
    }
  }

  /**
   * {@code GET /v1/wizards/{id}}: the whole session; the plan once completed, the campaign once
   * approved.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Session(
      String sessionId,
      String wizardId,
      String wizardTitle,
      String status,
      boolean completed,
      int currentStep,
      int totalSteps,
      WizardQuestion question,
      WizardProgress progress,
      Map<String, Object> answers,
      Map<String, String> metadata,
      String startedAt,
      String completedAt,
      CampaignPlan executionPlan,
      String campaignId,
      String workflowId,
      NextSteps nextSteps) {

    static Session of(WizardState state) {
      return new Session(
          state.sessionId(),
          state.wizardId(),
          state.wizardTitle(),
          state.status(),
          state.completed(),
          state.currentStep(),
          state.totalSteps(),
          state.question(),
          state.progress(),
          state.answers(),
          state.metadata(),
          state.startedAt(),
          state.completedAt(),
          state.executionPlan(),
          state.campaignId(),
          state.campaignWorkflowId(),
          WizardState.COMPLETED.equals(state.status()) ? NextSteps.of(state.sessionId()) : null);
    }
  }

  public record Approved(String campaignId, String workflowId) {}
}
