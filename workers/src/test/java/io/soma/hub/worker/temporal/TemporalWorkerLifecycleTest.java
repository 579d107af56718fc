package io.soma.hub.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.orchestration.connection.TemporalTls;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.testserver.TestServer.PortBoundTestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class TemporalWorkerLifecycleTest {

  private static final String QUEUE = "lifecycle-test";

  private final int port = freePort();
  private final TemporalProperties properties =
      new TemporalProperties(
          "127.0.0.1:" + port,
          "default",
          false,
          Duration.ofSeconds(20),
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          TemporalTls.OFF);
  private final WorkflowServiceStubs stubs =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(properties.address()).build());
  private final WorkflowClient client =
      WorkflowClient.newInstance(
          stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  private final WorkerFactory factory = WorkerFactory.newInstance(client);
  private final GatedActivities activities = new GatedActivities();
  private final TemporalWorkerLifecycle lifecycle =
      new TemporalWorkerLifecycle(
          factory,
          List.of(
              f -> {
                var worker = WorkerRegistration.workerFor(f, QUEUE);
                worker.registerWorkflowImplementationTypes(GatedWorkflowImpl.class);
                worker.registerActivitiesImplementations(activities);
              }),
          properties);
  private final TemporalHealthIndicator health =
      new TemporalHealthIndicator(
          lifecycle,
          properties,
          new TemporalReachability(stubs, Duration.ofSeconds(2), Duration.ofMillis(200)));
  private PortBoundTestServer server;

  @AfterEach
  void tearDown() {
    activities.gate.countDown();
    lifecycle.stop();
    stubs.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void keepsRetryingWhileTemporalIsUnreachableAndConnectsOnceItIsUp() {
    lifecycle.start();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(lifecycle.lastError()).isPresent();
              assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.health().getDetails()).containsKey("lastError");
            });
    assertThat(lifecycle.isRunning()).isTrue();
    assertThat(lifecycle.isConnected()).isFalse();

    server = TestServer.createPortBoundServer(port);

    await().atMost(Duration.ofSeconds(60)).until(lifecycle::isConnected);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(lifecycle.lastError()).isEmpty();
  }

  @Test
  void readinessFollowsTemporalGoingAwayAndComingBackAfterTheWorkerConnected() {
    server = TestServer.createPortBoundServer(port);
    lifecycle.start();
    await().atMost(Duration.ofSeconds(60)).until(lifecycle::isConnected);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> health.health().getStatus().equals(Status.UP));

    server.close();
    server = null;

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.health().getDetails().get("lastError"))
                  .asString()
                  .contains("GetSystemInfo");
            });
    assertThat(lifecycle.isConnected())
        .as("the worker itself keeps running and will poll again")
        .isTrue();

    server = TestServer.createPortBoundServer(port);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> health.health().getStatus().equals(Status.UP));
  }

  @Test
  void stoppingWaitsForTheTaskInFlight() throws InterruptedException {
    server = TestServer.createPortBoundServer(port);
    lifecycle.start();
    await().atMost(Duration.ofSeconds(60)).until(lifecycle::isConnected);
    GatedWorkflow workflow =
        client.newWorkflowStub(
            GatedWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("drain-probe").build());
    WorkflowClient.start(workflow::run);
    assertThat(activities.entered.await(30, TimeUnit.SECONDS)).isTrue();

    Thread stopper = new Thread(lifecycle::stop, "stopper");
    stopper.start();
    await().atMost(Duration.ofSeconds(10)).until(factory::isShutdown);
    assertThat(stopper.isAlive())
        .as("stop() returned while an activity was still running")
        .isTrue();
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

    activities.gate.countDown();
    stopper.join(Duration.ofSeconds(30).toMillis());

    assertThat(stopper.isAlive()).isFalse();
    assertThat(activities.finished).isTrue();
    assertThat(factory.isTerminated()).isTrue();
    assertThat(client.fetchHistory("drain-probe").getEvents())
        .anyMatch(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @WorkflowInterface
  public interface GatedWorkflow {
    @WorkflowMethod
    String run();
  }

  public static class GatedWorkflowImpl implements GatedWorkflow {

    private final Gated activities =
        Workflow.newActivityStub(
            Gated.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

    @Override
    public String run() {
      return activities.passGate();
    }
  }

  @ActivityInterface
  public interface Gated {
    String passGate();
  }

  /**
   * Blocks until the test opens the gate, ignoring interrupts so that only a real drain lets it
   * finish.
   */
  static final class GatedActivities implements Gated {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    volatile boolean finished;

    @Override
    public String passGate() {
      entered.countDown();
      boolean open = false;
      while (!open) {
        try {
          open = gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException ignored) {
          // Keep waiting: the point is to see whether stop() waits for us.
        }
      }
      finished = true;
      return "passed";
    }
  }
}
