package io.soma.hub.orchestration.events;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;
import org.slf4j.Logger;

/**
 * A workflow's way to publish its events: through {@link EventActivities}, with the event's id and
 * time fixed in the workflow. Whether an execution publishes at all is decided once, at its start,
 * and kept in its history:
 *
 * <ul>
 *   <li>a {@link Workflow#getVersion version marker}, so executions recorded before events existed
 *       replay as they ran, without the new activities;
 *   <li>a side effect holding whether the worker had Kafka configured, so turning Kafka on or off
 *       later never changes how an execution already running replays (a worker without Kafka
 *       completes the publish activities of such executions at once).
 * </ul>
 *
 * <p>A publish that fails for good is logged and the workflow goes on: an event is never worth
 * failing a session.
 */
public final class WorkflowEvents {

  static final String CHANGE_ID = "hub-events";
  static final int PUBLISHING_VERSION = 1;

  private static final Logger log = Workflow.getLogger(WorkflowEvents.class);

  private final boolean publishing;
  private final EventActivities activities;

  private WorkflowEvents(boolean publishing) {
    this.publishing = publishing;
    this.activities = Workflow.newActivityStub(EventActivities.class, EventActivityOptions.PUBLISH);
  }

  /**
   * Call from the workflow method before anything else it records.
   *
   * @param enabledOnWorker whether this worker has a broker to publish to
   */
  public static WorkflowEvents start(boolean enabledOnWorker) {
    int version = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, PUBLISHING_VERSION);
    boolean publishing =
        version >= PUBLISHING_VERSION && Workflow.sideEffect(Boolean.class, () -> enabledOnWorker);
    return new WorkflowEvents(publishing);
  }

  public boolean publishing() {
    return publishing;
  }

  /** Publishes the event of {@code type} about {@code subject}, at the workflow's current time. */
  public void publish(String type, String subject, String tenant, Map<String, String> data) {
    if (!publishing) {
      return;
    }
    HubEvent event =
        HubEvent.of(
            type, HubEventSources.WORKER, Workflow.currentTimeMillis(), subject, tenant, data);
    try {
      activities.publish(event);
    } catch (ActivityFailure failure) {
      log.warn(
          "Event {} was not published: {}",
          event.id(),
          failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage());
    }
  }

  /**
   * Why a workflow failed, for {@code data.reason}: the application failure type, else the kind of
   * failure.
   */
  public static String reason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application && application.getType() != null) {
        return application.getType();
      }
    }
    Throwable innermost = failure;
    while (innermost.getCause() != null) {
      innermost = innermost.getCause();
    }
    return innermost.getClass().getSimpleName();
  }
}
