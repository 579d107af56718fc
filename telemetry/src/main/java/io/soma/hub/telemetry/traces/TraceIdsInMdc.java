package io.soma.hub.telemetry.traces;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Puts the current span's trace and span ids in the MDC ({@code traceId}, {@code spanId}: the keys
 * Spring Boot's log pattern and Micrometer Tracing use) whenever an OpenTelemetry context becomes
 * current on a thread, and puts back what was there when it stops being current. Micrometer Tracing
 * does this only for its own spans; this also covers the spans of Temporal's interceptors on
 * workflow and activity threads and of the hub's own code. Installed when the application starts,
 * before anything makes a context current (OpenTelemetry reads its wrappers once).
 */
public final class TraceIdsInMdc implements ContextStorage {

  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";

  private final ContextStorage delegate;

  TraceIdsInMdc(ContextStorage delegate) {
    this.delegate = delegate;
  }

  /** Installs the wrapper as the application starts (META-INF/spring.factories). */
  public static final class Installer implements ApplicationListener<ApplicationStartingEvent> {

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
      ContextStorage.addWrapper(TraceIdsInMdc::new);
    }
  }

  @Override
  public Scope attach(Context toAttach) {
    String previousTrace = MDC.get(TRACE_ID);
    String previousSpan = MDC.get(SPAN_ID);
    SpanContext span = Span.fromContext(toAttach).getSpanContext();
    if (span.isValid()) {
      MDC.put(TRACE_ID, span.getTraceId());
      MDC.put(SPAN_ID, span.getSpanId());
    } else {
      MDC.remove(TRACE_ID);
      MDC.remove(SPAN_ID);
    }
    Scope scope = delegate.attach(toAttach);
    return () -> {
      scope.close();
      restore(TRACE_ID, previousTrace);
      restore(SPAN_ID, previousSpan);
    };
  }

  @Override
  public Context current() {
    return delegate.current();
  }

  @Override
  public Context root() {
    return delegate.root();
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
