package io.soma.hub.functions.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.functions.support.TemporalTestServer;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.memory.MemoryRefreshRequest;
import io.soma.hub.orchestration.memory.MemoryRefreshResult;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflow;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idempotency of refresh starts against Temporal's test server, with refreshes that finish at once.
 */
class MemoryRefreshStarterTest {

  private final TestWorkflowEnvironment env = TemporalTestServer.start();
  private final WorkflowClient client = env.getWorkflowClient();
  private final MemoryRefreshStarter starter = new MemoryRefreshStarter(client);

  @AfterEach
  void close() {
    env.close();
  }

  private void finishingWorker() {
    Worker worker = env.newWorker(TaskQueues.SESSIONS);
    worker.registerWorkflowImplementationTypes(InstantRefresh.class);
    env.start();
  }

  private void awaitClosed(String workflowId) throws Exception {
    client
        .newUntypedWorkflowStub(workflowId)
        .getResult(10, TimeUnit.SECONDS, MemoryRefreshResult.class);
  }

  @Test
  void aKeyedRefreshStartsOnceAndAnswersItsStatusAfterwards() throws Exception {
    finishingWorker();
    MemoryRefreshRequest request = new MemoryRefreshRequest("acme", "fall_launch", true, "airflow");

    RefreshAccepted first = starter.start(request, "run-1");
    awaitClosed(first.workflowId());
    RefreshAccepted again = starter.start(request, "run-1");

    assertThat(again.workflowId()).isEqualTo(first.workflowId());
    assertThat(first.status()).isEqualTo("RUNNING");
    assertThat(again.status()).isEqualTo("COMPLETED");
    assertThat(InstantRefresh.runs(client, first.workflowId())).isEqualTo(1);
    assertThat(starter.start(request, "run-2").workflowId()).isNotEqualTo(first.workflowId());
    assertThat(
            starter
                .start(new MemoryRefreshRequest("globex", "fall_launch", true, "a"), "run-1")
                .workflowId())
        .isNotEqualTo(first.workflowId());
    assertThatThrownBy(
            () ->
                starter.start(new MemoryRefreshRequest("acme", "fall_launch", false, "a"), "run-1"))
        .isInstanceOf(IdempotencyKeyReusedException.class);
  }

  @Test
  void withoutAKeyARunningRefreshIsJoinedAndAClosedOneIsFollowedByANewRun() throws Exception {
    MemoryRefreshRequest request = new MemoryRefreshRequest("acme", "fall_launch", false, "ann");
    // No worker polls yet, so the first refresh stays running.

    RefreshAccepted first = starter.start(request, null);
    RefreshAccepted joined =
        starter.start(new MemoryRefreshRequest("acme", "fall_launch", true, "bob"), null);

    assertThat(joined).isEqualTo(first);
    assertThat(InstantRefresh.runs(client, first.workflowId())).isEqualTo(1);

    finishingWorker();
    awaitClosed(first.workflowId());
    RefreshAccepted next = starter.start(request, null);

    assertThat(next.workflowId()).isEqualTo(first.workflowId());
    assertThat(next.status()).isEqualTo("RUNNING");
    awaitClosed(first.workflowId());
    assertThat(InstantRefresh.runs(client, first.workflowId())).isEqualTo(2);
  }

  /** Stands for the worker process: a refresh that has nothing to do. */
  public static class InstantRefresh implements MemoryRefreshWorkflow {
    @Override
    public MemoryRefreshResult run(MemoryRefreshRequest request) {
      return new MemoryRefreshResult(
          request.tenant(), request.campaign(), request.force(), 0, 0, 0, 0, 0, null);
    }

    /** Open and closed runs of the workflow id, as the test server's visibility lists them. */
    static long runs(WorkflowClient client, String workflowId) {
      var service = client.getWorkflowServiceStubs().blockingStub();
      var filter = WorkflowExecutionFilter.newBuilder().setWorkflowId(workflowId).build();
      String namespace = client.getOptions().getNamespace();
      return service
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecutionFilter(filter)
                      .setMaximumPageSize(100)
                      .build())
              .getExecutionsCount()
          + service
              .listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecutionFilter(filter)
                      .setMaximumPageSize(100)
                      .build())
              .getExecutionsCount();
    }
  }
}
