package io.soma.hub.orchestration.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.soma.hub.orchestration.tools.ToolSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The approval decision update: its validator takes the first decision only, and only while the
 * campaign waits.
 */
class CampaignDecisionTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(MarketingCampaignWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @RegisterExtension
  static final WireMockExtension tools =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final CampaignStoreFixture store = CampaignStoreFixture.migrated();

  @Test
  void onlyTheFirstDecisionCountsWhetherALaterOneComesAsUpdateOrAsSignal(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    CampaignRequest request = start(env, worker);
    MarketingCampaignWorkflow campaign = CampaignPlans.awaitingApproval(client, options, request);

    ApprovalDecision first = new ApprovalDecision(true, "ship it", "bob");
    assertThat(campaign.decide(first)).isEqualTo(first);
    assertRefused(
        () -> campaign.decide(new ApprovalDecision(false, "no", "carol")),
        CampaignDecisions.ALREADY_DECIDED,
        "campaign " + request.campaignId() + " is already approved by bob",
        "approved",
        "bob");
    campaign.approval(new ApprovalDecision(false, "late signal", "eve"));

    CampaignResult result = WorkflowStub.fromTyped(campaign).getResult(CampaignResult.class);
    assertThat(result.status()).isEqualTo("completed");
    assertThat(campaign.progress().approval())
        .isEqualTo(new CampaignProgress.ApprovalState(true, "approved", "ship it", "bob"));
    assertThat(events(client, request, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
        .isEqualTo(1);
    assertThat(events(client, request, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED))
        .isEqualTo(1);
  }

  @Test
  void aDecisionSignalledByAnOlderGatewayCountsAndAnUpdateAfterItIsRefusedNamingIt(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    CampaignRequest request = start(env, worker);
    MarketingCampaignWorkflow campaign = CampaignPlans.awaitingApproval(client, options, request);

    campaign.approval(new ApprovalDecision(false, "off-brand", "carol"));
    assertRefused(
        () -> campaign.decide(new ApprovalDecision(true, null, "bob")),
        CampaignDecisions.ALREADY_DECIDED,
        "campaign " + request.campaignId() + " is already rejected by carol",
        "rejected",
        "carol");

    CampaignResult result = WorkflowStub.fromTyped(campaign).getResult(CampaignResult.class);
    assertThat(result.status()).isEqualTo("rejected");
    assertThat(result.failure()).isEqualTo("rejected by carol: off-brand");
    assertThat(events(client, request, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
        .isZero();
  }

  @Test
  void aDecisionBeforeTheCampaignWaitsForOneIsRefusedAndChangesNothing(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    CampaignRequest request = start(env, worker);
    MarketingCampaignWorkflow campaign =
        client.newWorkflowStub(
            MarketingCampaignWorkflow.class, CampaignPlans.startOptions(options, request));
    WorkflowClient.start(campaign::run, request);

    assertRefused(
        () -> campaign.decide(new ApprovalDecision(true, null, "bob")),
        CampaignDecisions.NOT_WAITING,
        "campaign "
            + request.campaignId()
            + " is not waiting for approval (approval state: pending)",
        "pending",
        null);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> campaign.progress().phase().equals("awaiting_approval"));
    campaign.decide(new ApprovalDecision(true, null, "bob"));
    assertThat(WorkflowStub.fromTyped(campaign).getResult(CampaignResult.class).status())
        .isEqualTo("completed");
    assertThat(events(client, request, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
        .isEqualTo(1);
  }

  @Test
  void ofConcurrentDecisionsExactlyOneIsAcceptedAndTheOthersAreRefusedNamingIt(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CampaignRequest request = start(env, worker);
    MarketingCampaignWorkflow campaign = CampaignPlans.awaitingApproval(client, options, request);
    int deciders = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ApprovalDecision>> sent = new ArrayList<>();

    ExecutorService pool = Executors.newFixedThreadPool(deciders);
    try {
      for (int i = 0; i < deciders; i++) {
        ApprovalDecision decision = new ApprovalDecision(i % 2 == 0, null, "decider-" + i);
        sent.add(
            pool.submit(
                () -> {
                  go.await();
                  return campaign.decide(decision);
                }));
      }
      go.countDown();
      List<ApprovalDecision> accepted = new ArrayList<>();
      List<ApplicationFailure> refused = new ArrayList<>();
      for (Future<ApprovalDecision> decision : sent) {
        try {
          accepted.add(decision.get(30, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          refused.add(
              CampaignDecisions.find(e.getCause())
                  .orElseThrow(() -> new AssertionError(e.getCause())));
        }
      }

      assertThat(accepted).hasSize(1);
      ApprovalDecision winner = accepted.get(0);
      assertThat(refused)
          .hasSize(deciders - 1)
          .allSatisfy(
              failure -> {
                assertThat(failure.getType()).isEqualTo(CampaignDecisions.ALREADY_DECIDED);
                assertThat(failure.getOriginalMessage())
                    .endsWith(" is already " + winner.outcome() + " by " + winner.decidedBy());
              });
      assertThat(campaign.progress().approval().decidedBy()).isEqualTo(winner.decidedBy());
      assertThat(events(client, request, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
          .isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Every tool action but the pull request and the Slack message (dry-run) goes to a webhook that
   * answers slowly: a campaign takes seconds to reach its approval wait and to end after its
   * decision, so each decision a test sends meets it running.
   */
  private CampaignRequest start(TestWorkflowEnvironment env, Worker worker) {
    tools.stubFor(post("/hook").willReturn(okJson("{\"status\":\"ok\"}").withFixedDelay(1500)));
    ToolSettings slowWebhook =
        new ToolSettings(
            null,
            null,
            null,
            null,
            tools.baseUrl() + "/hook",
            null,
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    worker.registerActivitiesImplementations(
        store.activities(slowWebhook, new OfflineModelProvider()),
        store.compensations(slowWebhook));
    env.start();
    return CampaignPlans.request(CampaignPlans.marketing(true, true), 3600);
  }

  private static void assertRefused(
      ThrowingCallable decide,
      String type,
      String message,
      String approvalState,
      String decidedBy) {
    assertThatThrownBy(decide)
        .isInstanceOfSatisfying(
            WorkflowUpdateException.class,
            rejected -> {
              ApplicationFailure failure = CampaignDecisions.find(rejected).orElseThrow();
              assertThat(failure.getType()).isEqualTo(type);
              assertThat(failure.getOriginalMessage()).isEqualTo(message);
              assertThat(failure.getDetails().get(0, String.class)).isEqualTo(approvalState);
              if (decidedBy != null) {
                assertThat(failure.getDetails().get(1, String.class)).isEqualTo(decidedBy);
              }
            });
  }

  private static long events(WorkflowClient client, CampaignRequest request, EventType type) {
    return client.fetchHistory(CampaignIds.workflowId(request.campaignId())).getEvents().stream()
        .filter(event -> event.getEventType() == type)
        .count();
  }
}
