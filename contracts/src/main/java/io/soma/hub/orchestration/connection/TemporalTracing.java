package io.soma.hub.orchestration.connection;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;

/**
 * Traces through Temporal, the same way in the functions and the worker: Temporal's OpenTracing
 * interceptors, over the process's OpenTelemetry by OpenTelemetry's OpenTracing shim. The client's
 * start call is a span of the caller's trace ({@code StartWorkflow:TYPE}), and its context travels
 * in the workflow's headers (W3C trace context, the shim's propagator), so the worker's spans
 * ({@code RunWorkflow:TYPE}, {@code StartActivity:TYPE}, {@code RunActivity:TYPE}) join the same
 * trace, activity after activity.
 */
public final class TemporalTracing {

  private final OpenTracingOptions options;

  private TemporalTracing(OpenTracingOptions options) {
    this.options = options;
  }

  public static TemporalTracing over(OpenTelemetry openTelemetry) {
    return new TemporalTracing(
        OpenTracingOptions.newBuilder()
            .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
            .build());
  }

  /** For {@code WorkflowClientOptions.setInterceptors}. */
  public OpenTracingClientInterceptor clientInterceptor() {
    return new OpenTracingClientInterceptor(options);
  }

  /** For {@code WorkerFactoryOptions.setWorkerInterceptors}. */
  public OpenTracingWorkerInterceptor workerInterceptor() {
    return new OpenTracingWorkerInterceptor(options);
  }
}
