package io.soma.hub.events;

import java.time.Duration;

/**
 * Where and how events are published.
 *
 * @param bootstrapServers {@code HUB_KAFKA_BOOTSTRAP_SERVERS}; blank means no Kafka and no events
 * @param topic {@code HUB_KAFKA_EVENTS_TOPIC}, {@code soma.events} by default
 * @param clientId names the producer in the broker's logs and metrics
 * @param security TLS and SASL (HUB_KAFKA_SECURITY_PROTOCOL and the rest); plaintext by default
 */
public record KafkaEventSettings(
    String bootstrapServers, String topic, String clientId, KafkaSecurity security) {

  public static final String DEFAULT_TOPIC = "soma.events";

  /**
   * The longest a send waits for topic metadata or buffer space: on the sender thread, never the
   * caller's.
   */
  public static final Duration MAX_BLOCK = Duration.ofSeconds(5);

  /** One request to the broker; retried by the producer within the delivery timeout. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long the producer keeps trying one event (retries included) before it reports a failure.
   */
  public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Events waiting for the sender thread; beyond this a publish fails at once rather than using
   * more memory.
   */
  public static final int QUEUE_CAPACITY = 10_000;

  /** How long a stopping process waits for events still queued or in flight, in all. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  public KafkaEventSettings {
    bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.strip();
    topic = topic == null || topic.isBlank() ? DEFAULT_TOPIC : topic.strip();
    security = security == null ? KafkaSecurity.PLAINTEXT : security;
  }

  /** Plaintext. */
  public KafkaEventSettings(String bootstrapServers, String topic, String clientId) {
    this(bootstrapServers, topic, clientId, KafkaSecurity.PLAINTEXT);
  }

  public boolean configured() {
    return !bootstrapServers.isEmpty();
  }
}
