package io.soma.hub.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code hub_events_published_total} and {@code hub_events_publish_failures_total}: registered when
 * Kafka is configured, so a scrape shows zero failures rather than nothing. A failure is one event
 * the producer gave up on (or could not take); the worker retries its events, so there one event
 * may fail more than once.
 */
final class EventMeters {

  private final Counter published;
  private final Counter failures;

  EventMeters(MeterRegistry registry) {
    published =
        Counter.builder("hub.events.published")
            .description("Events the broker acknowledged")
            .register(registry);
    failures =
        Counter.builder("hub.events.publish.failures")
            .description(
                "Events that could not be published (broker unreachable, timeout, queue full)")
            .register(registry);
  }

  void published() {
    published.increment();
  }

  void failed() {
    failures.increment();
  }
}
