package io.soma.hub.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.testserver.TestServer.PortBoundTestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TemporalReachabilityTest {

  private final int port = freePort();
  private final WorkflowServiceStubs stubs =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
  private final AtomicLong nanos = new AtomicLong();
  private final TemporalReachability reachability =
      new TemporalReachability(stubs, Duration.ofSeconds(2), Duration.ofSeconds(5), nanos::get);
  private PortBoundTestServer server;

  @AfterEach
  void tearDown() {
    stubs.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anAnswerIsReusedUntilItIsOldThenAskedAgain() {
    assertThat(reachability.failure())
        .hasValueSatisfying(why -> assertThat(why).contains("UNAVAILABLE"));

    server = TestServer.createPortBoundServer(port);
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(reachability.failure()).as("still the remembered answer").isPresent();

    // Asked again once the answer is old; the channel may need a moment to leave its reconnect
    // backoff.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              nanos.addAndGet(Duration.ofSeconds(5).toNanos());
              return reachability.failure().isEmpty();
            });
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
