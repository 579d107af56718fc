package io.soma.hub.worker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.soma.hub.store.EmbeddedStore;
import io.soma.hub.store.SessionSlots;
import io.soma.hub.store.SessionSlots.Held;
import io.soma.hub.store.SettableClock;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep against Temporal's test server: session workflows nobody runs stay open until they are
 * terminated.
 */
class SessionSlotSweeperTest {

  private static final Duration HOUR = Duration.ofHours(1);

  private final SettableClock clock = new SettableClock(Instant.now());
  private final TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();
  private final WorkflowClient client = temporal.getWorkflowClient();
  private final SessionSlots slots = new SessionSlots(EmbeddedStore.migratedDataSource(), clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SessionSlotSweeper sweeper = new SessionSlotSweeper(slots, client, clock, registry);

  @AfterEach
  void stop() {
    sweeper.close();
    temporal.close();
  }

  @Test
  void freesTheSlotOfASessionAsSoonAsItsWorkflowHasClosedAndKeepsTheRunningOnes() {
    claimAndStart("running");
    claimAndStart("terminated");
    client.newUntypedWorkflowStub(SessionIds.workflowId("terminated")).terminate("by an operator");
    assertThat(sweeper.sweep()).as("slots younger than visibility's lag").isZero();
    clock.advance(SessionSlotSweeper.VISIBLE_AFTER.plusSeconds(1));

    assertThat(sweeper.sweep()).isOne();

    assertThat(slots.claimedBefore(clock.instant(), 10))
        .extracting(Held::sessionId)
        .containsExactly("running");
    assertThat(registry.get("hub.session.slots.freed").counter().count()).isOne();
  }

  @Test
  void aSlotWhoseWorkflowNeverStartedIsFreedOnceTheStartWouldHaveHappened() {
    slots.claim("acme", "never-started", 10, HOUR);
    clock.advance(SessionSlotSweeper.GRACE.minusSeconds(1));

    assertThat(sweeper.sweep()).as("the gateway may still be starting it").isZero();
    assertThat(slots.running("acme")).isOne();

    clock.advance(Duration.ofSeconds(2));
    assertThat(sweeper.sweep()).isOne();
    assertThat(slots.running("acme")).isZero();
  }

  @Test
  void aLapsedSlotIsDeleted() {
    slots.claim("acme", "lapsed", 10, Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(61));

    assertThat(sweeper.sweep()).isOne();

    assertThat(slots.claimedBefore(clock.instant(), 10)).isEmpty();
  }

  /** Claims the session's slot and starts its workflow, as the gateway does; no worker runs it. */
  private void claimAndStart(String sessionId) {
    slots.claim("acme", sessionId, 10, HOUR);
    client
        .newUntypedWorkflowStub(
            SessionWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(SessionIds.workflowId(sessionId))
                .setTaskQueue(TaskQueues.SESSIONS)
                .build())
        .start(Map.of("session_id", sessionId));
  }
}
