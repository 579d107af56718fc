package io.soma.hub.functions.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.soma.hub.events.EventPublisher;
import io.soma.hub.events.EventPublishers;
import io.soma.hub.events.KafkaEventSettings;
import io.soma.hub.events.KafkaSecurity;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The gateway's event publisher: Kafka when HUB_KAFKA_BOOTSTRAP_SERVERS is set, else nothing at
 * all.
 */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

  /** Closed on shutdown, which delivers what is still queued (bounded), before the pod goes. */
  @Bean(destroyMethod = "close")
  EventPublisher eventPublisher(
      @Value("${hub.kafka.bootstrap-servers:}") String bootstrapServers,
      @Value("${hub.kafka.events-topic:}") String topic,
      Environment environment,
      MeterRegistry registry,
      ObjectProvider<OpenTelemetry> openTelemetry) {
    KafkaSecurity security =
        Binder.get(environment).bindOrCreate("hub.kafka.security", KafkaSecurity.class);
    return EventPublishers.create(
        new KafkaEventSettings(bootstrapServers, topic, "soma-hub-functions", security),
        registry,
        openTelemetry.getIfAvailable(OpenTelemetry::noop));
  }

  @Bean
  GatewayEvents gatewayEvents(EventPublisher publisher) {
    return new GatewayEvents(publisher, Clock.systemUTC());
  }
}
