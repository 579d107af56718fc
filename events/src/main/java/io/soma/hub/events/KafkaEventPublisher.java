package io.soma.hub.events;

import io.soma.hub.orchestration.events.HubEvent;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to Kafka with an idempotent producer ({@code acks=all}, {@code enable.idempotence=true}), keyed by
 * tenant so each tenant's events keep their order. {@code KafkaProducer.send} can block (topic metadata, a full
 * buffer), so sends run on one sender thread behind a bounded queue: the caller (a request thread, an activity)
 * never waits on the broker, and a dead broker costs at most the producer's timeouts on that thread.
 */
final class KafkaEventPublisher implements EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

  private final String topic;
  private final Producer<String, String> producer;
  private final ThreadPoolExecutor sender;
  private final EventMeters meters;

  KafkaEventPublisher(KafkaEventSettings settings, EventMeters meters) {
    this.topic = settings.topic();
    this.meters = meters;
    this.producer = new KafkaProducer<>(producerConfig(settings), new StringSerializer(), new StringSerializer());
    this.sender =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(KafkaEventSettings.QUEUE_CAPACITY),
            runnable -> {
              Thread thread = new Thread(runnable, "hub-events-sender");
              thread.setDaemon(true);
              return thread;
            });
  }

  static Properties producerConfig(KafkaEventSettings settings) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    if (settings.clientId() != null && !settings.clientId().isBlank()) {
      config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId());
    }
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KafkaEventSettings.MAX_BLOCK.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KafkaEventSettings.REQUEST_TIMEOUT.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) KafkaEventSettings.DELIVERY_TIMEOUT.toMillis());
    config.putAll(settings.security().clientConfig());
    return config;
  }

  /** The Kafka protocol binding's header name (lower case, unlike HTTP's). */
  static final String CONTENT_TYPE_HEADER = "content-type";

  @Override
  public CompletableFuture<Void> publish(HubEvent event) {
    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.tenant(), CloudEventJson.write(event));
    record.headers().add(CONTENT_TYPE_HEADER, CloudEventJson.EVENT_FORMAT.getBytes(StandardCharsets.UTF_8));
    try {
      sender.execute(() -> send(event, record, acknowledged));
    } catch (RejectedExecutionException e) {
      fail(event, acknowledged, new IllegalStateException("the event queue is full or the publisher is closed", e));
    }
    return acknowledged;
  }

  private void send(HubEvent event, ProducerRecord<String, String> record, CompletableFuture<Void> acknowledged) {
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              meters.published();
              acknowledged.complete(null);
            } else {
              fail(event, acknowledged, error);
            }
          });
    } catch (RuntimeException e) {
      fail(event, acknowledged, e);
    }
  }

  private void fail(HubEvent event, CompletableFuture<Void> acknowledged, Throwable error) {
    meters.failed();
    log.warn("Event {} ({}) was not published to {}: {}", event.id(), event.type(), topic, error.toString());
    acknowledged.completeExceptionally(error);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  /** Sends what is queued and waits for its acknowledgements, {@link KafkaEventSettings#CLOSE_TIMEOUT} in all. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + KafkaEventSettings.CLOSE_TIMEOUT.toNanos();
    sender.shutdown();
    try {
      sender.awaitTermination(KafkaEventSettings.CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }
}
