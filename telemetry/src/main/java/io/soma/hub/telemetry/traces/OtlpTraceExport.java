package io.soma.hub.telemetry.traces;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends finished spans over OTLP/HTTP (protobuf) to the endpoint the standard OpenTelemetry
 * variables name, read when the process starts rather than when it is built: the functions'
 * contexts are processed ahead of time, and a condition on a property would be decided by the
 * build. {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is the full URL; {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} is a base URL to which {@code /v1/traces} is added. Neither set (or
 * {@code OTEL_TRACES_EXPORTER=none}): nothing is sent and no exporter is made. The exporter itself
 * is made on the first batch, off the start-up path.
 */
public final class OtlpTraceExport implements SpanExporter {

  static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String EXPORTER = "OTEL_TRACES_EXPORTER";

  private final String endpoint;
  private volatile SpanExporter exporter;

  OtlpTraceExport(String endpoint) {
    this.endpoint = endpoint;
  }

  /** From the variables (or properties of the same names) that {@code settings} looks up. */
  public static OtlpTraceExport from(Function<String, String> settings) {
    return new OtlpTraceExport(endpoint(settings).orElse(null));
  }

  static Optional<String> endpoint(Function<String, String> settings) {
    if ("none".equalsIgnoreCase(blankToNull(settings.apply(EXPORTER)))) {
      return Optional.empty();
    }
    String traces = blankToNull(settings.apply(TRACES_ENDPOINT));
    if (traces != null) {
      return Optional.of(traces);
    }
    String base = blankToNull(settings.apply(ENDPOINT));
    if (base == null) {
      return Optional.empty();
    }
    return Optional.of(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces");
  }

  /** Where spans go, if anywhere. */
  public Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (endpoint == null) {
      return CompletableResultCode.ofSuccess();
    }
    return exporter().export(spans);
  }

  @Override
  public CompletableResultCode flush() {
    SpanExporter made = exporter;
    return made == null ? CompletableResultCode.ofSuccess() : made.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    SpanExporter made = exporter;
    return made == null ? CompletableResultCode.ofSuccess() : made.shutdown();
  }

  private SpanExporter exporter() {
    SpanExporter made = exporter;
    if (made == null) {
      synchronized (this) {
        made = exporter;
        if (made == null) {
          made = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
          exporter = made;
        }
      }
    }
    return made;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
