package io.soma.hub.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.testing.cluster.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Jaeger v2 (built from source by tools/jaeger/build) with tools/jaeger/jaeger.yaml: OTLP in,
 * in-memory storage, the query API out, every listener on 127.0.0.1 and a free port. The hub sends
 * it spans through {@code OTEL_EXPORTER_OTLP_ENDPOINT} ({@link #hubEnvironment()}); a test reads
 * whole traces back by id.
 */
public final class JaegerServer implements AutoCloseable {

  private final HubProcess process;
  private final int otlpHttpPort;
  private final JsonHttp query;

  private JaegerServer(HubProcess process, int otlpHttpPort, int queryPort) {
    this.process = process;
    this.otlpHttpPort = otlpHttpPort;
    this.query = new JsonHttp(URI.create("http://127.0.0.1:" + queryPort + "/"));
  }

  public static JaegerServer start() {
    Path bin = LocalTools.jaegerBin();
    int health = Ports.free();
    int otlpHttp = Ports.free();
    int queryHttp = Ports.free();
    Map<String, String> environment =
        Map.of(
            "JAEGER_HEALTH_PORT", Integer.toString(health),
            "JAEGER_OTLP_HTTP_PORT", Integer.toString(otlpHttp),
            "JAEGER_OTLP_GRPC_PORT", Integer.toString(Ports.free()),
            "JAEGER_QUERY_HTTP_PORT", Integer.toString(queryHttp),
            "JAEGER_QUERY_GRPC_PORT", Integer.toString(Ports.free()),
            // Else Jaeger traces itself into its own OTLP port, and its stop waits ~10 s for that
            // export.
            "OTEL_TRACES_SAMPLER", "always_off");
    HubProcess process =
        HubProcess.command(
                "jaeger",
                List.of(
                    bin.resolve("jaeger").toString(),
                    "--config",
                    HubJars.root().resolve("tools/jaeger/jaeger.yaml").toString()),
                environment,
                URI.create("http://127.0.0.1:" + health + "/status"))
            .readinessTimeout(Duration.ofSeconds(30));
    process.start();
    return new JaegerServer(process, otlpHttp, queryHttp);
  }

  /**
   * What a hub process needs to send its spans here (the standard OpenTelemetry variable, OTLP over
   * HTTP).
   */
  public Map<String, String> hubEnvironment() {
    return Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + otlpHttpPort);
  }

  /** The trace as stored now, or empty while Jaeger has none of its spans. */
  public Optional<Trace> trace(String traceId) {
    JsonHttp.Response response = query.get("/api/traces/" + traceId);
    if (response.status() == 404) {
      return Optional.empty();
    }
    if (response.status() != 200) {
      throw new AssertionError("Jaeger answered " + response);
    }
    return Optional.of(Trace.of(response.json().at("/data/0")));
  }

  /**
   * Polls until the trace satisfies {@code complete}: spans arrive in batches, from each process on
   * its own schedule. Fails with the last state seen.
   */
  public Trace awaitTrace(String traceId, Predicate<Trace> complete, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<Trace> last = Optional.empty();
    while (System.nanoTime() < deadline) {
      last = trace(traceId);
      if (last.filter(complete).isPresent()) {
        return last.get();
      }
      pause();
    }
    throw new AssertionError(
        "trace "
            + traceId
            + " not complete within "
            + timeout
            + "; last seen: "
            + last.map(Trace::describe).orElse("nothing"));
  }

  @Override
  public void close() {
    process.stop();
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * One span as Jaeger's query API returns it. Its parent is the span it is a child of, else the
   * one it follows from: OpenTracing's follows-from (Temporal's run spans after their start spans)
   * arrives as that.
   */
  public record Span(
      String spanId,
      String parentSpanId,
      String operation,
      String service,
      String kind,
      Map<String, String> tags) {}

  /** The spans of one trace, in Jaeger's order. */
  public record Trace(String traceId, List<Span> spans) {

    static Trace of(JsonNode data) {
      Map<String, String> services = new HashMap<>();
      data.path("processes")
          .fields()
          .forEachRemaining(
              process ->
                  services.put(process.getKey(), process.getValue().path("serviceName").asText()));
      List<Span> spans = new ArrayList<>();
      for (JsonNode span : data.path("spans")) {
        Map<String, String> tags = new HashMap<>();
        span.path("tags")
            .forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
        String parent = null;
        for (JsonNode reference : span.path("references")) {
          if (parent == null || "CHILD_OF".equals(reference.path("refType").asText())) {
            parent = reference.path("spanID").asText();
          }
        }
        spans.add(
            new Span(
                span.path("spanID").asText(),
                parent,
                span.path("operationName").asText(),
                services.get(span.path("processID").asText()),
                tags.getOrDefault("span.kind", ""),
                Map.copyOf(tags)));
      }
      return new Trace(data.path("traceID").asText(), List.copyOf(spans));
    }

    public List<String> operations() {
      return spans.stream().map(Span::operation).toList();
    }

    public List<Span> named(String operation) {
      return spans.stream().filter(span -> span.operation().equals(operation)).toList();
    }

    public Optional<Span> span(String spanId) {
      return spans.stream().filter(span -> span.spanId().equals(spanId)).findFirst();
    }

    /** One line a span: service, operation, span id and parent. */
    public String describe() {
      StringBuilder text = new StringBuilder(spans.size() + " spans:");
      spans.forEach(
          span ->
              text.append("\n  ")
                  .append(span.service())
                  .append(' ')
                  .append(span.operation())
                  .append(' ')
                  .append(span.spanId())
                  .append(" <- ")
                  .append(span.parentSpanId()));
      return text.toString();
    }
  }
}
