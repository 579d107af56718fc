package io.soma.hub.telemetry.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceIdsInMdcTest {

  private static final String TRACE = "5b8efff798038103d269b633813fc60c";

  private final ContextStorage storage = new TraceIdsInMdc(ContextStorage.defaultStorage());

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void aCurrentSpanPutsItsIdsInTheMdcAndTheOuterOnesComeBack() {
    try (Scope outer = storage.attach(Context.root().with(span("eee19b7ec3c1b174")))) {
      assertThat(MDC.get("traceId")).isEqualTo(TRACE);
      assertThat(MDC.get("spanId")).isEqualTo("eee19b7ec3c1b174");
      try (Scope inner = storage.attach(Context.root().with(span("0123456789abcdef")))) {
        assertThat(MDC.get("spanId")).isEqualTo("0123456789abcdef");
      }
      assertThat(MDC.get("spanId")).isEqualTo("eee19b7ec3c1b174");
    }
    assertThat(MDC.get("traceId")).isNull();
    assertThat(MDC.get("spanId")).isNull();
  }

  @Test
  void aContextWithoutASpanTakesTheIdsOutWhileItIsCurrent() {
    try (Scope outer = storage.attach(Context.root().with(span("eee19b7ec3c1b174")))) {
      try (Scope none = storage.attach(Context.root())) {
        assertThat(MDC.get("traceId")).isNull();
      }
      assertThat(MDC.get("traceId")).isEqualTo(TRACE);
    }
  }

  @Test
  void otherMdcEntriesAreLeftAlone() {
    MDC.put("session_id", "s-1");
    try (Scope scope = storage.attach(Context.root().with(span("eee19b7ec3c1b174")))) {
      assertThat(MDC.get("session_id")).isEqualTo("s-1");
    }
    assertThat(MDC.get("session_id")).isEqualTo("s-1");
  }

  private static Span span(String spanId) {
    return Span.wrap(
        SpanContext.create(TRACE, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
  }
}
