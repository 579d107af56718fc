package io.soma.hub.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.orchestration.HubSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalServerTest {

  /** The test server refuses a start with attributes it does not know, as a real one does. */
  @Test
  void itTakesAStartWithTheSearchAttributesTheGatewaySets() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EmbeddedTemporalServer server = new EmbeddedTemporalServer("127.0.0.1", port);
    server.start();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    try {
      WorkflowOptions options =
          WorkflowOptions.newBuilder()
              .setWorkflowId("with-attributes")
              .setTaskQueue("nobody-polls")
              .setTypedSearchAttributes(
                  SearchAttributes.newBuilder()
                      .set(HubSearchAttributes.TENANT, "acme")
                      .set(HubSearchAttributes.USER, "ann")
                      .build())
              .build();
      var execution =
          WorkflowClient.newInstance(stubs).newUntypedWorkflowStub("any", options).start();
      assertThat(execution.getWorkflowId()).isEqualTo("with-attributes");
    } finally {
      stubs.shutdownNow();
      server.stop();
    }
  }
}
