package io.soma.hub.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher a process gets: Kafka when a broker is configured, else {@link
 * EventPublisher#NONE}.
 */
public final class EventPublishers {

  private static final Logger log = LoggerFactory.getLogger(EventPublishers.class);

  private EventPublishers() {}

  public static EventPublisher create(KafkaEventSettings settings, MeterRegistry registry) {
    return create(settings, registry, OpenTelemetry.noop());
  }

  /** Each publish a span of {@code openTelemetry}'s, its trace context carried in the event. */
  public static EventPublisher create(
      KafkaEventSettings settings, MeterRegistry registry, OpenTelemetry openTelemetry) {
    if (!settings.configured()) {
      log.info("No HUB_KAFKA_BOOTSTRAP_SERVERS: no events are published");
      return EventPublisher.NONE;
    }
    log.info(
        "Events are published to {} at {} ({})",
        settings.topic(),
        settings.bootstrapServers(),
        settings.security());
    return new KafkaEventPublisher(
        settings, new EventMeters(registry), openTelemetry.getTracer("io.soma.hub.events"));
  }
}
