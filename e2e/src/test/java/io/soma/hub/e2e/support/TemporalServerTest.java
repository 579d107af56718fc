package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.e2e.support.TemporalServer.Security;
import org.junit.jupiter.api.Test;

/**
 * The Temporal server built from source, plaintext (the hub's scale path runs it so): ready with
 * its namespace.
 */
class TemporalServerTest {

  @Test
  void startsOnPostgresWithTheDefaultNamespaceAndStops() {
    TemporalServer temporal = TemporalServer.start(Security.PLAINTEXT);
    try (temporal) {
      assertThat(temporal.clientTls().active()).isFalse();
      assertThat(
              temporal
                  .cli("operator", "namespace", "describe", "--namespace", TemporalServer.NAMESPACE)
                  .ok())
          .isTrue();
      Commands.Result started =
          temporal.cli(
              "workflow",
              "start",
              "--namespace",
              TemporalServer.NAMESPACE,
              "--task-queue",
              "nobody-polls",
              "--type",
              "SmokeWorkflow",
              "--workflow-id",
              "smoke-1");
      assertThat(started.ok()).as(started.output()).isTrue();
      assertThat(temporal.cli("workflow", "describe", "--workflow-id", "smoke-1").output())
          .contains("WorkflowId            smoke-1", "SmokeWorkflow");
    }
    assertThat(temporal.isAlive()).isFalse();
  }
}
