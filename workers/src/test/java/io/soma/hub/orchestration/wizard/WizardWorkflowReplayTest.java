package io.soma.hub.orchestration.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Determinism guard: a recorded wizard (ten answers, a rejected one, approval into a campaign) must
 * replay on the current workflow code. After a deliberate, versioned change, regenerate with {@code
 * -Dhub.recordHistories=true}.
 */
class WizardWorkflowReplayTest {

  private static final String APPROVED_HISTORY = "histories/wizard-approved.json";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(WizardWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void aFreshHistoryReplays(TestWorkflowEnvironment env, WorkflowClient client) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        approvedHistory(env, client), WizardWorkflowImpl.class);
  }

  @Test
  void theCommittedHistoryReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        APPROVED_HISTORY, WizardWorkflowImpl.class);
  }

  @Test
  @EnabledIfSystemProperty(named = "hub.recordHistories", matches = "true")
  void recordTheCommittedHistory(TestWorkflowEnvironment env, WorkflowClient client)
      throws Exception {
    Files.writeString(
        Path.of("src/test/resources").resolve(APPROVED_HISTORY),
        approvedHistory(env, client).toJson(true));
  }

  private static WorkflowExecutionHistory approvedHistory(
      TestWorkflowEnvironment env, WorkflowClient client) {
    Wizards.startWorker(env);
    WizardStart start = Wizards.start("acme", 3600);
    WizardWorkflow wizard = Wizards.started(client, start);
    wizard.answer(new WizardAnswer("Spring Launch", null));
    try {
      wizard.answer(new WizardAnswer("not-a-type", null));
    } catch (io.temporal.client.WorkflowUpdateException expected) {
      // rejected by the validator: not part of the history
    }
    Wizards.answerAll(wizard, Wizards.validAnswers(Wizards.today(env), true).subList(1, 10));
    wizard.approve(new WizardApproval("bob", 600));
    assertThat(WorkflowStub.fromTyped(wizard).getResult(WizardOutcome.class).status())
        .isEqualTo(WizardOutcome.APPROVED);
    return client.fetchHistory(WizardIds.workflowId(start.sessionId()));
  }
}
