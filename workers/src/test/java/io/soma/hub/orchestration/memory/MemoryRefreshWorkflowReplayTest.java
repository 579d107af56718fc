package io.soma.hub.orchestration.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.store.memory.Embeddings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Determinism guard: a committed refresh history must replay on the current workflow code. After a
 * deliberate, versioned change of the workflow, regenerate it with {@code
 * -Dhub.recordHistories=true}.
 */
class MemoryRefreshWorkflowReplayTest {

  private static final String HISTORY = "histories/memory-refresh.json";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(MemoryRefreshWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final MemoryStoreFixture fixture = MemoryStoreFixture.migrated();

  @Test
  void aFreshHistoryReplays(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(env, worker, client, options), MemoryRefreshWorkflowImpl.class);
  }

  @Test
  void theCommittedHistoryReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, MemoryRefreshWorkflowImpl.class);
  }

  @Test
  void skippingTheSummaryIsDetectedAsNonDeterministic() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    HISTORY, NoSummaryWorkflow.class))
        .hasStackTraceContaining(NonDeterministicException.class.getName());
  }

  @Test
  @EnabledIfSystemProperty(named = "hub.recordHistories", matches = "true")
  void recordTheCommittedHistory(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    Files.writeString(
        Path.of("src/test/resources").resolve(HISTORY),
        history(env, worker, client, options).toJson(true));
  }

  private WorkflowExecutionHistory history(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(fixture.activities(Embeddings.none()));
    env.start();
    fixture.artifact(
        "acme", "camp-1", "fall_launch", "content_creation", "blog", "Trail shoes for autumn");
    fixture.artifact(
        "acme", "camp-1", "fall_launch", "distribution", "newsletter", "Sent to 12000 subscribers");
    MemoryRefreshResult result =
        MemoryRefreshes.run(client, options, "acme", "fall_launch", true, "airflow-run-1");
    assertThat(result.artifactsRemembered()).isEqualTo(2);
    return client.fetchHistory(
        MemoryRefreshIds.forIdempotencyKey("acme", "fall_launch", "airflow-run-1"));
  }

  /** A plausible but incompatible edit: going from the artifacts straight to re-indexing. */
  public static class NoSummaryWorkflow implements MemoryRefreshWorkflow {

    private final MemoryRefreshActivities activities =
        Workflow.newActivityStub(
            MemoryRefreshActivities.class,
            MemoryRefreshActivityOptions.STORE_PAGE,
            MemoryRefreshActivityOptions.byActivity());

    @Override
    public MemoryRefreshResult run(MemoryRefreshRequest request) {
      activities.rememberArtifacts(
          new ArtifactPageRequest(
              request.tenant(), request.campaign(), request.force(), "", "", 50));
      activities.reindexEntries(
          new EntryPageRequest(request.tenant(), request.campaign(), request.force(), "", 100));
      return new MemoryRefreshResult(
          request.tenant(), request.campaign(), request.force(), 0, 0, 0, 0, 0, null);
    }
  }
}
