package io.soma.hub.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.soma.hub.orchestration.events.HubEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to Kafka with an idempotent producer ({@code acks=all}, {@code
 * enable.idempotence=true}), keyed by tenant so each tenant's events keep their order. {@code
 * KafkaProducer.send} can block (topic metadata, a full buffer), so sends run on one sender thread
 * behind a bounded queue: the caller (a request thread, an activity) never waits on the broker, and
 * a dead broker costs at most the producer's timeouts on that thread. Each publish is a producer
 * span of the caller's trace, from the call to the broker's acknowledgement; the event carries that
 * span's W3C trace context as its {@code traceparent} (CloudEvents Distributed Tracing extension),
 * so a consumer such as the Flink job can join the trace.
 */
final class KafkaEventPublisher implements EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

  private final String topic;
  private final Producer<String, String> producer;
  private final ThreadPoolExecutor sender;
  private final EventMeters meters;
  private final Tracer tracer;

  KafkaEventPublisher(KafkaEventSettings settings, EventMeters meters, Tracer tracer) {
    this.topic = settings.topic();
    this.meters = meters;
    this.tracer = tracer;
    this.producer =
        new KafkaProducer<>(
            producerConfig(settings), new StringSerializer(), new StringSerializer());
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(KafkaEventSettings.QUEUE_CAPACITY),
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
    config.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) KafkaEventSettings.REQUEST_TIMEOUT.toMillis());
    config.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) KafkaEventSettings.DELIVERY_TIMEOUT.toMillis());
    config.putAll(settings.security().clientConfig());
    return config;
  }

  /** The Kafka protocol binding's header name (lower case, unlike HTTP's). */
  static final String CONTENT_TYPE_HEADER = "content-type";

  @Override
  public CompletableFuture<Void> publish(HubEvent event) {
    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    Span span = publishSpan(event);
    Map<String, String> traceContext = new LinkedHashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(Context.current().with(span), traceContext, Map::put);
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, event.tenant(), CloudEventJson.write(event, traceContext));
    record
        .headers()
        .add(CONTENT_TYPE_HEADER, CloudEventJson.EVENT_FORMAT.getBytes(StandardCharsets.UTF_8));
    acknowledged.whenComplete((ignored, error) -> end(span, error));
    try {
      sender.execute(() -> send(event, record, acknowledged));
    } catch (RejectedExecutionException e) {
      fail(
          event,
          acknowledged,
          new IllegalStateException("the event queue is full or the publisher is closed", e));
    }
    return acknowledged;
  }

  /** Named and described as OpenTelemetry's messaging conventions name a Kafka send. */
  private Span publishSpan(HubEvent event) {
    return tracer
        .spanBuilder("send " + topic)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation.type", "send")
        .setAttribute("messaging.destination.name", topic)
        .setAttribute("messaging.message.id", event.id())
        .setAttribute("cloudevents.event_id", event.id())
        .setAttribute("cloudevents.event_type", event.type())
        .startSpan();
  }

  private static void end(Span span, Throwable error) {
    if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private void send(
      HubEvent event, ProducerRecord<String, String> record, CompletableFuture<Void> acknowledged) {
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
    log.warn(
        "Event {} ({}) was not published to {}: {}",
        event.id(),
        event.type(),
        topic,
        error.toString());
    acknowledged.completeExceptionally(error);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  /**
   * Sends what is queued and waits for its acknowledgements, {@link
   * KafkaEventSettings#CLOSE_TIMEOUT} in all.
   */
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
