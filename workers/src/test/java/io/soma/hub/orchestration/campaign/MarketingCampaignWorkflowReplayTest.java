package io.soma.hub.orchestration.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.soma.hub.orchestration.tools.ToolSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Determinism guard: campaign histories recorded by earlier builds must replay on the current
 * workflow code. After a deliberate, versioned change of the workflow, regenerate them with {@code
 * -Dhub.recordHistories=true}. The approved and rejected histories were decided by the approval
 * signal (what gateways sent before the decide update): running campaigns like them must keep
 * replaying; the decided history went through the update, as decisions do now.
 */
class MarketingCampaignWorkflowReplayTest {

  private static final String APPROVED_HISTORY = "histories/campaign-approved.json";
  private static final String REJECTED_HISTORY = "histories/campaign-rejected.json";
  private static final String DECIDED_HISTORY = "histories/campaign-decided.json";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(MarketingCampaignWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final CampaignStoreFixture store = CampaignStoreFixture.migrated();

  @Test
  void theCommittedHistoriesReplay() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        APPROVED_HISTORY, MarketingCampaignWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        REJECTED_HISTORY, MarketingCampaignWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        DECIDED_HISTORY, MarketingCampaignWorkflowImpl.class);
  }

  @Test
  void aFreshHistoryReplays(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    start(env, worker);
    WorkflowReplayer.replayWorkflowExecution(
        decidedByUpdate(client, options), MarketingCampaignWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(
        signalled(client, options, false), MarketingCampaignWorkflowImpl.class);
  }

  @Test
  void aDelayBeforeTheFirstModuleIsDetectedAsNonDeterministic() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    REJECTED_HISTORY, SettleFirst.class))
        .hasStackTraceContaining(NonDeterministicException.class.getName());
  }

  @Test
  @EnabledIfSystemProperty(named = "hub.recordHistories", matches = "true")
  void recordTheCommittedHistories(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    start(env, worker);
    Path resources = Path.of("src/test/resources");
    Files.writeString(
        resources.resolve(APPROVED_HISTORY), signalled(client, options, true).toJson(true));
    Files.writeString(
        resources.resolve(REJECTED_HISTORY), signalled(client, options, false).toJson(true));
    Files.writeString(
        resources.resolve(DECIDED_HISTORY), decidedByUpdate(client, options).toJson(true));
  }

  private void start(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(
        store.activities(ToolSettings.dryRun(), new OfflineModelProvider()),
        store.compensations(ToolSettings.dryRun()));
    env.start();
  }

  /** Decided by the approval signal, as gateways before the decide update did. */
  private WorkflowExecutionHistory signalled(
      WorkflowClient client, WorkflowOptions options, boolean approved) {
    CampaignRequest request = CampaignPlans.request(CampaignPlans.marketing(true, true), 3600);
    MarketingCampaignWorkflow campaign = waiting(client, options, request);
    campaign.approval(new ApprovalDecision(approved, approved ? "ok" : "no", "bob"));
    CampaignResult result = WorkflowStub.fromTyped(campaign).getResult(CampaignResult.class);
    assertThat(result.status()).isEqualTo(approved ? "completed" : "rejected");
    return client.fetchHistory(CampaignIds.workflowId(request.campaignId()));
  }

  /** Decided by the update, as gateways decide now. */
  private WorkflowExecutionHistory decidedByUpdate(WorkflowClient client, WorkflowOptions options) {
    CampaignRequest request = CampaignPlans.request(CampaignPlans.marketing(true, true), 3600);
    MarketingCampaignWorkflow campaign = waiting(client, options, request);
    campaign.decide(new ApprovalDecision(true, "ok", "bob"));
    CampaignResult result = WorkflowStub.fromTyped(campaign).getResult(CampaignResult.class);
    assertThat(result.status()).isEqualTo("completed");
    return client.fetchHistory(CampaignIds.workflowId(request.campaignId()));
  }

  private static MarketingCampaignWorkflow waiting(
      WorkflowClient client, WorkflowOptions options, CampaignRequest request) {
    MarketingCampaignWorkflow campaign = CampaignPlans.awaitingApproval(client, options, request);
    campaign.updateContent(new ContentUpdate("headline", "Recorded headline"));
    return campaign;
  }

  /**
   * A plausible but incompatible edit: letting the plan settle for a moment before the first module
   * starts.
   */
  public static class SettleFirst extends MarketingCampaignWorkflowImpl {

    @Override
    public CampaignResult run(CampaignRequest request) {
      io.temporal.workflow.Workflow.sleep(Duration.ofSeconds(1));
      return super.run(request);
    }
  }
}
