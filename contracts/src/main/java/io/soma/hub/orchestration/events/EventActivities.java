package io.soma.hub.orchestration.events;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Publishes a workflow's event, so that a worker dying before the broker acknowledged it only means
 * a retry. The event, id and time included, is built by the workflow: every attempt publishes the
 * same record.
 */
@ActivityInterface
public interface EventActivities {

  String PUBLISH_EVENT = "publish-hub-event";

  /** Returns once the broker has acknowledged the event; a worker without Kafka returns at once. */
  @ActivityMethod(name = PUBLISH_EVENT)
  void publish(HubEvent event);
}
