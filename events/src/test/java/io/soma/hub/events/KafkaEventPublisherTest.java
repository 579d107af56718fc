package io.soma.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.soma.hub.orchestration.events.HubEvent;
import io.soma.hub.orchestration.events.HubEventSources;
import io.soma.hub.orchestration.events.HubEventTypes;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publisher against a real KRaft broker, and against none. */
class KafkaEventPublisherTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static KafkaBroker kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaBroker.start();
    kafka.createTopic("soma.events", 2);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void everyEventReachesTheTopicKeyedByTenantAsTheJobReadsIt() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<HubEvent> events =
        List.of(event("acme", "s-1"), event("globex", "s-2"), event("acme", "s-3"));
    try (EventPublisher publisher =
        EventPublishers.create(
            new KafkaEventSettings(kafka.bootstrapServers(), null, "test"), registry)) {
      assertThat(publisher.enabled()).isTrue();
      CompletableFuture.allOf(
              events.stream().map(publisher::publish).toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, String>> records =
        EventTopic.read(
            kafka.bootstrapServers(), "soma.events", events.size(), Duration.ofSeconds(30));
    assertThat(records).hasSize(events.size());
    for (ConsumerRecord<String, String> record : records) {
      JsonNode json = JSON.readTree(record.value());
      assertThat(record.key()).isEqualTo(json.get("data").get("tenant").textValue());
      assertThat(record.value()).isIn(events.stream().map(CloudEventJson::write).toList());
      // The CloudEvents Kafka protocol binding, structured mode: the record's content-type is the
      // event format's.
      assertThat(record.headers().headers("content-type"))
          .singleElement()
          .satisfies(
              header ->
                  assertThat(new String(header.value(), StandardCharsets.UTF_8))
                      .isEqualTo("application/cloudevents+json; charset=UTF-8"));
      assertThat(record.headers().toArray()).as("no ce_ headers: those are binary mode").hasSize(1);
    }
    assertThat(registry.scrape())
        .contains("hub_events_published_total 3.0")
        .contains("hub_events_publish_failures_total 0.0");
  }

  /**
   * The CloudEvents Distributed Tracing extension: the event names its publish span, a child of the
   * caller's.
   */
  @Test
  void aPublishIsASpanOfTheCallersTraceThatTheEventNames() throws Exception {
    kafka.createTopic("traced.events", 1);
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
      OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracing).build();
      Span caller = tracing.get("test").spanBuilder("caller").startSpan();
      HubEvent event = event("acme", "traced-1");
      try (EventPublisher publisher =
              EventPublishers.create(
                  new KafkaEventSettings(kafka.bootstrapServers(), "traced.events", "test"),
                  new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                  openTelemetry);
          Scope ignored = caller.makeCurrent()) {
        publisher.publish(event).get(30, TimeUnit.SECONDS);
      }
      caller.end();

      SpanData publish =
          spans.getFinishedSpanItems().stream()
              .filter(span -> span.getName().equals("send traced.events"))
              .findFirst()
              .orElseThrow();
      assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
      assertThat(publish.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
      ConsumerRecord<String, String> record =
          EventTopic.read(kafka.bootstrapServers(), "traced.events", 1, Duration.ofSeconds(30))
              .get(0);
      assertThat(JSON.readTree(record.value()).get("traceparent").textValue())
          .isEqualTo("00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-01");
    }
  }

  @Test
  void anUnreachableBrokerNeverBlocksTheCallerAndIsCounted() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String nobody = "127.0.0.1:" + freePort();
    try (EventPublisher publisher =
        EventPublishers.create(new KafkaEventSettings(nobody, null, "test"), registry)) {
      long start = System.nanoTime();
      CompletableFuture<Void> first = publisher.publish(event("acme", "s-4"));
      CompletableFuture<Void> second = publisher.publish(event("acme", "s-5"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));

      assertThatThrownBy(() -> first.get(40, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
      assertThatThrownBy(() -> second.get(40, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
    assertThat(registry.scrape()).contains("hub_events_publish_failures_total 2.0");
  }

  @Test
  void withoutABrokerNothingIsCreatedAndNothingWaits() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EventPublisher publisher =
        EventPublishers.create(new KafkaEventSettings(" ", null, "test"), registry);
    assertThat(publisher).isSameAs(EventPublisher.NONE);
    assertThat(publisher.publish(event("acme", "s-6"))).isCompleted();
    assertThat(registry.getMeters()).isEmpty();
  }

  private static HubEvent event(String tenant, String session) {
    return HubEvent.of(
        HubEventTypes.SESSION_ACCEPTED,
        HubEventSources.FUNCTIONS,
        System.currentTimeMillis(),
        session,
        tenant,
        Map.of("session_id", session));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
