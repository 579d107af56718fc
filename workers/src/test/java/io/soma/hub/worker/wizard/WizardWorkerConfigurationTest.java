package io.soma.hub.worker.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.events.EventPublisher;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignRequest;
import io.soma.hub.orchestration.wizard.ApprovalAccepted;
import io.soma.hub.orchestration.wizard.WizardAnswer;
import io.soma.hub.orchestration.wizard.WizardApproval;
import io.soma.hub.orchestration.wizard.WizardIds;
import io.soma.hub.orchestration.wizard.WizardStart;
import io.soma.hub.orchestration.wizard.WizardState;
import io.soma.hub.orchestration.wizard.WizardWorkflow;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's registration serves wizards on the sessions queue, through approval into a campaign.
 */
class WizardWorkerConfigurationTest {

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aWizardRunsOnTheSessionsQueueAndItsApprovalStartsTheCampaign() {
    new WizardWorkerConfiguration()
        .wizardWorker(EventPublisher.NONE)
        .registerOn(env.getWorkerFactory());
    env.getWorkerFactory()
        .getWorker(TaskQueues.SESSIONS)
        .registerWorkflowImplementationTypes(StandInCampaignWorkflow.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    String sessionId = WizardIds.newSessionId();
    WizardWorkflow wizard =
        client.newWorkflowStub(
            WizardWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WizardIds.workflowId(sessionId))
                .setTaskQueue(TaskQueues.SESSIONS)
                .build());
    WorkflowClient.start(
        wizard::run,
        new WizardStart(sessionId, "marketing_campaign_v1", "acme", "ann", Map.of(), 600));
    LocalDate today =
        LocalDate.ofInstant(Instant.ofEpochMilli(env.currentTimeMillis()), ZoneOffset.UTC);

    WizardState state = null;
    for (Object answer :
        List.of(
            "Worker Launch",
            "brand_awareness",
            List.of("Developers"),
            List.of("slack_community"),
            today.toString(),
            1500.5,
            "Ship it.",
            List.of("engagement"),
            "friendly",
            false)) {
      state = wizard.answer(new WizardAnswer(answer, null));
    }
    assertThat(state.status()).isEqualTo(WizardState.COMPLETED);

    ApprovalAccepted accepted = wizard.approve(new WizardApproval("ann", 3600));

    assertThat(accepted.campaignId()).isEqualTo(CampaignIds.forWizard(sessionId));
    Payloads input =
        client
            .fetchHistory(accepted.workflowId())
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    CampaignRequest request =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0, Optional.of(input), CampaignRequest.class, CampaignRequest.class);
    assertThat(request.plan()).isEqualTo(state.executionPlan());
    assertThat(request.plan().approvalRequired()).isFalse();
    assertThat(request.plan().channels()).containsExactly("slack_community");
  }
}
