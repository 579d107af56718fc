package io.soma.hub.worker.events;

import io.soma.hub.events.KafkaSecurity;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.kafka.*}: the broker and topic events go to, and how the producer connects; no
 * bootstrap servers, no events.
 */
@ConfigurationProperties("hub.kafka")
public record KafkaProperties(
    String bootstrapServers, String eventsTopic, KafkaSecurity security) {}
