package io.soma.hub.functions.wizards;

import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.temporal.BoundedCalls;
import io.soma.hub.functions.wizards.WizardCommands.AnswerWizard;
import io.soma.hub.functions.wizards.WizardCommands.ApproveWizard;
import io.soma.hub.functions.wizards.WizardCommands.ListWizards;
import io.soma.hub.functions.wizards.WizardCommands.StartWizard;
import io.soma.hub.functions.wizards.WizardCommands.WizardLookup;
import io.soma.hub.functions.wizards.WizardViews.Answered;
import io.soma.hub.functions.wizards.WizardViews.Approved;
import io.soma.hub.functions.wizards.WizardViews.Catalogue;
import io.soma.hub.functions.wizards.WizardViews.QuestionSummary;
import io.soma.hub.functions.wizards.WizardViews.Session;
import io.soma.hub.functions.wizards.WizardViews.Started;
import io.soma.hub.functions.wizards.WizardViews.WizardSummary;
import io.soma.hub.orchestration.wizard.ApprovalAccepted;
import io.soma.hub.orchestration.wizard.WizardAnswer;
import io.soma.hub.orchestration.wizard.WizardApproval;
import io.soma.hub.orchestration.wizard.WizardIds;
import io.soma.hub.orchestration.wizard.WizardProgress;
import io.soma.hub.orchestration.wizard.WizardStart;
import io.soma.hub.wizard.Question;
import io.soma.hub.wizard.QuestionViews;
import io.soma.hub.wizard.WizardCatalogue;
import io.soma.hub.wizard.WizardDefinition;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wizard functions: catalogue, start, answer, state and approval. */
@Configuration(proxyBeanMethods = false)
public class WizardFunctions {

  @Bean
  WizardSettings wizardSettings(
      @Value("${HUB_WIZARD_TTL:P7D}") Duration idleTimeout,
      @Value("${HUB_CAMPAIGN_APPROVAL_TIMEOUT:PT24H}") Duration approvalTimeout) {
    return new WizardSettings(idleTimeout, approvalTimeout);
  }

  @Bean
  WizardSessions wizardSessions(WorkflowClient client, BoundedCalls calls) {
    return new WizardSessions(client, calls);
  }

  @Bean
  Function<ListWizards, Catalogue> listWizards() {
    return query -> catalogue(WizardCatalogue.standard());
  }

  @Bean
  Function<StartWizard, Started> startWizard(WizardSessions sessions, WizardSettings settings) {
    return command ->
        start(WizardCatalogue.standard(), sessions, settings, command, Clock.systemUTC());
  }

  @Bean
  Function<AnswerWizard, Answered> answerWizard(WizardSessions sessions) {
    return command ->
        Answered.of(
            sessions.answer(
                command.caller().tenant(),
                command.sessionId(),
                new WizardAnswer(command.value(), command.questionId()),
                command.idempotencyKey()));
  }

  @Bean
  Function<WizardLookup, Session> getWizard(WizardSessions sessions) {
    return lookup -> Session.of(sessions.state(lookup.caller().tenant(), lookup.sessionId()));
  }

  @Bean
  Function<ApproveWizard, Approved> approveWizard(
      WizardSessions sessions, WizardSettings settings) {
    return command -> {
      ApprovalAccepted accepted =
          sessions.approve(
              command.caller().tenant(),
              command.sessionId(),
              new WizardApproval(
                  command.caller().subject(), settings.approvalTimeout().toSeconds()));
      return new Approved(accepted.campaignId(), accepted.workflowId());
    };
  }

  static Catalogue catalogue(WizardCatalogue catalogue) {
    return new Catalogue(
        catalogue.all().stream()
            .map(
                wizard ->
                    new WizardSummary(
                        wizard.id(),
                        wizard.title(),
                        wizard.description(),
                        wizard.version(),
                        wizard.estimatedDuration().get("total"),
                        wizard.totalSteps(),
                        wizard.questions().stream()
                            .map(
                                q ->
                                    new QuestionSummary(
                                        q.id(),
                                        q.step(),
                                        q.type().wireName(),
                                        q.required(),
                                        q.prompt()))
                            .toList()))
            .toList());
  }

  /**
   * The first question is computed here, from the same catalogue the workflow uses; the workflow
   * holds the rest.
   */
  static Started start(
      WizardCatalogue catalogue,
      WizardSessions sessions,
      WizardSettings settings,
      StartWizard command,
      Clock clock) {
    WizardDefinition wizard =
        catalogue
            .find(command.body().wizardId())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no wizard " + command.body().wizardId() + " in the catalogue"));
    String sessionId = WizardIds.newSessionId();
    sessions.start(
        new WizardStart(
            sessionId,
            wizard.id(),
            command.caller().tenant(),
            command.caller().subject(),
            command.body().metadata(),
            settings.idleTimeout().toSeconds()));
    Question first = wizard.questionAt(1).orElseThrow();
    return new Started(
        sessionId,
        wizard.id(),
        wizard.title(),
        1,
        wizard.totalSteps(),
        QuestionViews.view(first, LocalDate.now(clock)),
        WizardProgress.of(0, wizard.totalSteps()));
  }
}
