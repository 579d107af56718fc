package io.soma.hub.orchestration.memory;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;

/**
 * Runs refreshes in the tests with ids as the gateway derives them, on the test worker's task
 * queue.
 */
final class MemoryRefreshes {

  private MemoryRefreshes() {}

  static MemoryRefreshResult run(
      WorkflowClient client,
      WorkflowOptions testOptions,
      String tenant,
      String campaign,
      boolean force,
      String key) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder(testOptions)
            .setWorkflowId(MemoryRefreshIds.forIdempotencyKey(tenant, campaign, key))
            // A workflow task that keeps failing would otherwise hang the test instead of failing
            // it.
            .setWorkflowRunTimeout(Duration.ofSeconds(60))
            .build();
    return client
        .newWorkflowStub(MemoryRefreshWorkflow.class, options)
        .run(new MemoryRefreshRequest(tenant, campaign, force, "airflow"));
  }
}
