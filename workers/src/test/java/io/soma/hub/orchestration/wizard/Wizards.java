package io.soma.hub.orchestration.wizard;

import io.soma.hub.orchestration.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test helpers: a worker on the real task queue, a started wizard, and ten valid answers. */
final class Wizards {

  static final String MARKETING = "marketing_campaign_v1";

  private Wizards() {}

  /** The child campaign runs on {@link TaskQueues#SESSIONS}, so the tests run everything there. */
  static void startWorker(TestWorkflowEnvironment env) {
    Worker worker = env.newWorker(TaskQueues.SESSIONS);
    worker.registerWorkflowImplementationTypes(
        WizardWorkflowImpl.class, StandInCampaignWorkflow.class);
    env.start();
  }

  static WizardStart start(String tenant, long idleTimeoutSeconds) {
    return new WizardStart(
        WizardIds.newSessionId(),
        MARKETING,
        tenant,
        "ann",
        Map.of("source", "test"),
        idleTimeoutSeconds);
  }

  static WizardWorkflow started(WorkflowClient client, WizardStart start) {
    WizardWorkflow wizard =
        client.newWorkflowStub(
            WizardWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WizardIds.workflowId(start.sessionId()))
                .setTaskQueue(TaskQueues.SESSIONS)
                .setMemo(
                    Map.of(
                        WizardMemo.TENANT, start.tenant(), WizardMemo.WIZARD_ID, start.wizardId()))
                .build());
    WorkflowClient.start(wizard::run, start);
    return wizard;
  }

  static LocalDate today(TestWorkflowEnvironment env) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(env.currentTimeMillis()), ZoneOffset.UTC);
  }

  /** Valid answers to the ten questions in step order, the budget 0 and approval as asked. */
  static List<Object> validAnswers(LocalDate today, boolean approvalRequired) {
    return new ArrayList<>(
        Arrays.asList(
            "Spring Launch",
            "product_launch",
            "Enterprise CTOs, DevOps Engineers",
            List.of("email", "blog", "social_linkedin"),
            today.plusWeeks(2).toString(),
            0,
            "Ten times faster deployment.",
            List.of("clicks", "leads"),
            "bold",
            approvalRequired));
  }

  static WizardState answerAll(WizardWorkflow wizard, List<Object> answers) {
    WizardState state = null;
    for (Object answer : answers) {
      state = wizard.answer(new WizardAnswer(answer, null));
    }
    return state;
  }
}
