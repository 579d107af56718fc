package io.soma.hub.worker.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.soma.hub.store.SessionSlots;
import io.soma.hub.store.SessionSlots.Held;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the quota slots of sessions whose workflow has closed without its last step freeing the
 * slot (a step failed for good, cancelled, terminated, timed out), and of sessions whose workflow
 * never started (a gateway that died between claiming the slot and starting the workflow). Every
 * few seconds, when slots older than {@link #VISIBLE_AFTER} are held, it lists the open session
 * workflows; each such slot whose workflow is not among them is checked by describing the workflow,
 * and freed when Temporal says it is closed, or does not know it and the slot was claimed more than
 * {@link #GRACE} ago. Visibility, which trails, only spares the describes of the sessions running:
 * a slot is freed on Temporal's own word. Several workers may sweep at once; a slot is freed once.
 */
final class SessionSlotSweeper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SessionSlotSweeper.class);

  /**
   * Longer than Temporal's visibility trails a start: younger slots are left alone, so a busy hub's
   * new sessions are not described one by one (the session benchmark measured that as Temporal CPU
   * per session).
   */
  static final Duration VISIBLE_AFTER = Duration.ofSeconds(30);

  /**
   * Longer than a start can take: a slot whose workflow Temporal does not know is not freed before.
   */
  static final Duration GRACE = Duration.ofMinutes(2);

  private static final int MAX_SLOTS = 10_000;
  private static final int PAGE = 1_000;

  private final SessionSlots slots;
  private final WorkflowClient client;
  private final Clock clock;
  private final Counter freed;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "session-slot-sweeper");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean failing;

  SessionSlotSweeper(
      SessionSlots slots, WorkflowClient client, Clock clock, MeterRegistry registry) {
    this.slots = slots;
    this.client = client;
    this.clock = clock;
    this.freed =
        Counter.builder("hub.session.slots.freed")
            .description(
                "Quota slots freed because their session's workflow closed or never started")
            .register(registry);
  }

  /** Sweeps every {@code interval} from now on. */
  SessionSlotSweeper every(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Returns the slots freed. */
  int sweep() {
    int released = slots.releaseLapsed();
    Instant now = clock.instant();
    List<Held> candidates = slots.claimedBefore(now.minus(VISIBLE_AFTER), MAX_SLOTS);
    if (!candidates.isEmpty()) {
      Set<String> open = openSessionWorkflows();
      Instant startedByNow = now.minus(GRACE);
      for (Held slot : candidates) {
        String workflowId = SessionIds.workflowId(slot.sessionId());
        if (!open.contains(workflowId)
            && ended(workflowId, slot.claimedAt().isBefore(startedByNow))
            && slots.release(slot.sessionId())) {
          released++;
        }
      }
    }
    freed.increment(released);
    return released;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private void sweepQuietly() {
    try {
      sweep();
      failing = false;
    } catch (RuntimeException e) {
      // Nothing is freed meanwhile: the quota errs on the safe side until Temporal and the store
      // answer again.
      if (!failing) {
        log.warn("Session quota slots cannot be swept; retrying every sweep: {}", e.getMessage());
      }
      failing = true;
    }
  }

  private Set<String> openSessionWorkflows() {
    Set<String> open = new HashSet<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(SessionWorkflow.TYPE))
                      .setStartTimeFilter(
                          StartTimeFilter.newBuilder()
                              .setLatestTime(timestamp(clock.instant().plus(GRACE))))
                      .setMaximumPageSize(PAGE)
                      .setNextPageToken(page)
                      .build());
      for (WorkflowExecutionInfo execution : response.getExecutionsList()) {
        // Temporal's test server (the worker's embedded Temporal) lists every open workflow,
        // whatever the filter.
        if (execution.getType().getName().equals(SessionWorkflow.TYPE)) {
          open.add(execution.getExecution().getWorkflowId());
        }
      }
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return open;
  }

  /**
   * @param startedByNow whether the workflow would exist by now had the gateway started it
   */
  private boolean ended(String workflowId, boolean startedByNow) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException notStarted) {
      return startedByNow;
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
