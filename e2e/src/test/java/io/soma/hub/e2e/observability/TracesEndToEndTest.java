package io.soma.hub.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.e2e.support.JaegerServer;
import io.soma.hub.e2e.support.JaegerServer.Span;
import io.soma.hub.e2e.support.JaegerServer.Trace;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.OpenAiModelStub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.events.EventTopic;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One session's trace, from its POST to its completion, in a real Jaeger: the hub's jars with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointing at it, a Kafka broker for the events and the model stub as
 * the provider. The caller sends its own {@code traceparent}, so the test knows the trace id, as a
 * traced client would.
 */
@RequiresHubJars
class TracesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "e2e-model";
  private static final String WORKFLOW = "session-start-workflow";
  private static final List<String> ACTIVITIES =
      List.of(
          "evaluate-policy",
          "issue-scoped-token",
          "run-model-completion",
          "emit-audit-event",
          "publish-hub-event");

  private static JaegerServer jaeger;
  private static KafkaBroker kafka;
  private static OpenAiModelStub model;
  private static LocalHub hub;

  @BeforeAll
  static void startEverything() {
    jaeger = JaegerServer.start();
    kafka = KafkaBroker.start();
    kafka.createTopic("soma.events", 1);
    model = OpenAiModelStub.start("e2e-served-model");
    LocalHub.Builder builder =
        LocalHub.builder()
            .quickStartJvms()
            .env("HUB_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
            .model(model, MODEL, "e2e-key");
    jaeger.hubEnvironment().forEach(builder::env);
    hub = builder.start();
  }

  @AfterAll
  static void stopEverything() {
    for (AutoCloseable running : new AutoCloseable[] {hub, model, kafka, jaeger}) {
      if (running != null) {
        try {
          running.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  void oneTraceHoldsASessionFromItsPostToItsCompletion() {
    String traceId = randomHex(16);
    String callerSpan = randomHex(8);
    JsonHttp ann =
        hub.gateway().as(hub.tokens().mint("acme", "ann", "sessions:write", "sessions:read"));

    JsonHttp.Response created =
        ann.header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
            .post("/v1/sessions", Map.of("prompt", "Trace this launch plan"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String sessionId = created.json().get("session_id").asText();
    JsonNode session = SessionCalls.awaitFinished(ann, sessionId, Duration.ofMinutes(2));
    assertThat(session.get("status").asText()).as(session.toString()).isEqualTo("COMPLETED");

    Trace trace =
        jaeger.awaitTrace(
            traceId,
            seen ->
                seen.operations().containsAll(expectedOperations())
                    && seen.named("send soma.events").size() >= 2,
            Duration.ofSeconds(60));

    Span edge = only(trace, "http post /v1/sessions");
    assertThat(edge.service()).isEqualTo("soma-hub-functions");
    assertThat(edge.kind()).isEqualTo("server");
    assertThat(edge.parentSpanId())
        .as("the caller's span is the edge's parent")
        .isEqualTo(callerSpan);
    Span start = only(trace, "StartWorkflow:" + WORKFLOW);
    assertThat(ancestors(trace, start))
        .as("the workflow start is under the edge")
        .contains(edge.spanId());
    Span run = only(trace, "RunWorkflow:" + WORKFLOW);
    assertThat(run.service()).isEqualTo("soma-hub-worker");
    assertThat(ancestors(trace, run))
        .as("the workflow run continues the start")
        .contains(start.spanId());
    for (String activity : ACTIVITIES) {
      assertThat(trace.named("RunActivity:" + activity))
          .as("RunActivity:%s", activity)
          .isNotEmpty()
          .allSatisfy(span -> assertThat(ancestors(trace, span)).contains(run.spanId()));
    }
    Span chat = only(trace, "chat " + MODEL);
    assertThat(chat.service()).isEqualTo("soma-hub-worker");
    assertThat(chat.tags()).containsEntry("gen_ai.response.model", "e2e-served-model");
    assertThat(trace.span(chat.parentSpanId()).map(Span::operation))
        .hasValue("RunActivity:run-model-completion");
    assertThat(model.calls())
        .singleElement()
        .satisfies(
            call ->
                assertThat(call.traceparent())
                    .as("the model call's traceparent")
                    .contains(traceId + "-" + chat.spanId()));
    assertThat(trace.named("send soma.events"))
        .extracting(Span::service)
        .contains("soma-hub-functions", "soma-hub-worker");

    // The workflow's log lines name the trace and the span they were written in (Spring Boot's
    // pattern, from the MDC).
    assertThat(logLines(hub.worker().log(), "Session " + sessionId + " of tenant acme started"))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("[" + traceId + "-" + run.spanId() + "]"));

    // Each event of the session carries the trace context of its publish span (CloudEvents
    // Distributed Tracing).
    List<JsonNode> events = sessionEvents(sessionId, 2);
    assertThat(events)
        .extracting(event -> event.get("type").asText())
        .contains("io.soma.hub.session.accepted", "io.soma.hub.session.completed");
    for (JsonNode event : events) {
      String traceparent = event.path("traceparent").asText();
      assertThat(traceparent)
          .as(event.toString())
          .startsWith("00-" + traceId + "-")
          .endsWith("-01");
      String publishSpan = traceparent.split("-")[2];
      assertThat(trace.span(publishSpan).map(Span::operation))
          .as(event.toString())
          .hasValue("send soma.events");
    }
  }

  private static List<String> expectedOperations() {
    List<String> operations =
        new ArrayList<>(
            List.of(
                "http post /v1/sessions",
                "StartWorkflow:" + WORKFLOW,
                "RunWorkflow:" + WORKFLOW,
                "chat " + MODEL));
    ACTIVITIES.forEach(activity -> operations.add("RunActivity:" + activity));
    return operations;
  }

  private static Span only(Trace trace, String operation) {
    List<Span> spans = trace.named(operation);
    assertThat(spans).as("%s in %s", operation, trace.operations()).hasSize(1);
    return spans.get(0);
  }

  /** The span ids above {@code span}, nearest first. */
  private static List<String> ancestors(Trace trace, Span span) {
    List<String> ids = new ArrayList<>();
    Optional<Span> parent = Optional.ofNullable(span.parentSpanId()).flatMap(trace::span);
    while (parent.isPresent()) {
      ids.add(parent.get().spanId());
      parent = Optional.ofNullable(parent.get().parentSpanId()).flatMap(trace::span);
    }
    return ids;
  }

  private static List<JsonNode> sessionEvents(String sessionId, int expected) {
    List<ConsumerRecord<String, String>> records =
        EventTopic.read(
            kafka.bootstrapServers(),
            "soma.events",
            read ->
                read.stream().filter(record -> record.value().contains(sessionId)).count()
                    >= expected,
            Duration.ofSeconds(30));
    return records.stream()
        .filter(record -> record.value().contains(sessionId))
        .map(record -> parse(record.value()))
        .toList();
  }

  private static List<String> logLines(Path log, String text) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(line -> line.contains(text)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
