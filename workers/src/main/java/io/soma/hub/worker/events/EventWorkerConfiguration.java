package io.soma.hub.worker.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.soma.hub.events.EventPublisher;
import io.soma.hub.events.EventPublishers;
import io.soma.hub.events.KafkaEventSettings;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.events.EventActivitiesImpl;
import io.soma.hub.worker.temporal.WorkerRegistration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's event publisher and the publish activity. The activity is registered with or without
 * Kafka: an execution that started on a worker with Kafka keeps calling it after a restart without,
 * and then it returns at once instead of leaving the workflow waiting.
 */
@Configuration(proxyBeanMethods = false)
class EventWorkerConfiguration {

  @Bean(destroyMethod = "close")
  EventPublisher eventPublisher(
      KafkaProperties properties,
      MeterRegistry registry,
      ObjectProvider<OpenTelemetry> openTelemetry) {
    return EventPublishers.create(
        new KafkaEventSettings(
            properties.bootstrapServers(),
            properties.eventsTopic(),
            "soma-hub-worker",
            properties.security()),
        registry,
        openTelemetry.getIfAvailable(OpenTelemetry::noop));
  }

  @Bean
  WorkerRegistration eventWorker(EventPublisher publisher) {
    return factory ->
        WorkerRegistration.workerFor(factory, TaskQueues.SESSIONS)
            .registerActivitiesImplementations(new EventActivitiesImpl(publisher));
  }
}
