package io.soma.hub.worker.events;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code hub.kafka.*}: the broker and topic events go to; no bootstrap servers, no events. */
@ConfigurationProperties("hub.kafka")
public record KafkaProperties(String bootstrapServers, String eventsTopic) {}
