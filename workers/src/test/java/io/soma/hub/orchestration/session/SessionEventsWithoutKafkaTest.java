package io.soma.hub.orchestration.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.events.EventPublisher;
import io.soma.hub.orchestration.events.EventActivities;
import io.soma.hub.orchestration.events.EventActivitiesImpl;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a session records about events on a worker without Kafka: that it publishes none, and
 * nothing more.
 */
class SessionEventsWithoutKafkaTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  private final HubStoreFixture store = HubStoreFixture.migrated();

  @Test
  void aSessionOnAWorkerWithoutKafkaSchedulesNoPublish(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    registerWithoutKafka(worker, false);

    WorkflowExecutionHistory history = run(env, client, options);

    assertThat(publishes(history)).isEmpty();
    // the events' version marker and the recorded "no Kafka", so a later replay takes this path
    // whatever the worker
    // has; besides them only the lean path's version marker (which also decides the cancellation's
    // compensation)
    // and the local activities' results
    assertThat(history.getEvents())
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .extracting(e -> e.getMarkerRecordedEventAttributes().getMarkerName())
        .filteredOn(name -> !name.equals("LocalActivity"))
        .containsExactly("Version", "SideEffect", "Version");
  }

  @Test
  void anExecutionThatPublishesCompletesOnAWorkerWhosePublisherIsTheNoOp(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    registerWithoutKafka(worker, true);

    WorkflowExecutionHistory history = run(env, client, options);

    assertThat(publishes(history)).hasSize(1);
    assertThat(history.getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  /**
   * The worker's publisher is the no-op; {@code eventsEnabled} is what the workflow was built with.
   */
  private void registerWithoutKafka(Worker worker, boolean eventsEnabled) {
    worker.registerWorkflowImplementationFactory(
        SessionWorkflow.class,
        () ->
            new SessionWorkflowImpl(
                SessionActivityOptions.DEFAULT_MODEL_PROVIDER_TIMEOUT, eventsEnabled));
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()),
        new EventActivitiesImpl(EventPublisher.NONE));
  }

  private static WorkflowExecutionHistory run(
      TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    env.start();
    SessionRequest request = Sessions.request("Write a short hello world.");
    client
        .newWorkflowStub(SessionWorkflow.class, Sessions.startOptions(options, request))
        .run(request);
    return client.fetchHistory(SessionIds.workflowId(request.sessionId()));
  }

  private static List<HistoryEvent> publishes(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(
            e ->
                e.getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .equals(EventActivities.PUBLISH_EVENT))
        .toList();
  }
}
