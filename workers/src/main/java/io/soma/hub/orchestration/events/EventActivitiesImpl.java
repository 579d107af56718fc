package io.soma.hub.orchestration.events;

import io.soma.hub.events.EventPublisher;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a workflow's event and returns once the broker has it; any failure fails the attempt,
 * and Temporal retries it with the same event. Stateless and thread-safe.
 */
public class EventActivitiesImpl implements EventActivities {

  /**
   * Inside the attempt's start-to-close, so the attempt reports the producer's error rather than a
   * timeout.
   */
  static final Duration WAIT = EventActivityOptions.ATTEMPT.minusSeconds(5);

  private final EventPublisher publisher;

  public EventActivitiesImpl(EventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void publish(HubEvent event) {
    try {
      publisher.publish(event).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw ApplicationFailure.newFailureWithCause(
          "event " + event.id() + " was not published: " + cause.getMessage(),
          "EventNotPublished",
          cause);
    } catch (TimeoutException e) {
      throw ApplicationFailure.newFailure(
          "event " + event.id() + " was not acknowledged within " + WAIT.toSeconds() + " s",
          "EventNotPublished");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while publishing " + event.id(), "EventNotPublished");
    }
  }
}
