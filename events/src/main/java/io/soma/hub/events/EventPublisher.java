package io.soma.hub.events;

import io.soma.hub.orchestration.events.HubEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes hub events. {@link #publish} never blocks its caller: it returns a future that
 * completes when the broker has acknowledged the event, or fails (already logged and counted) when
 * it could not be delivered.
 */
public interface EventPublisher extends AutoCloseable {

  /** The publisher of a hub without Kafka: publishes nothing and creates nothing. */
  EventPublisher NONE =
      new EventPublisher() {
        @Override
        public CompletableFuture<Void> publish(HubEvent event) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean enabled() {
          return false;
        }

        @Override
        public void close() {}
      };

  CompletableFuture<Void> publish(HubEvent event);

  /** Whether events go anywhere. */
  boolean enabled();

  /** Delivers what was accepted, within a bound, then releases the producer. */
  @Override
  void close();
}
