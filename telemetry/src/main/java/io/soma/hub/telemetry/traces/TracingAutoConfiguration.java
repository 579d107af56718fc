package io.soma.hub.telemetry.traces;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The hub's traces (docs/observability.md, Traces): Spring Boot makes the OpenTelemetry SDK and the
 * spans of its observations (HTTP server and client requests); this adds where the spans go ({@link
 * OtlpTraceExport}) and keeps the probes' and scrapes' requests out of the exported traces.
 */
@AutoConfiguration
@ConditionalOnClass(SpanExporter.class)
public class TracingAutoConfiguration {

  @Bean
  OtlpTraceExport otlpTraceExport(Environment environment) {
    return OtlpTraceExport.from(environment::getProperty);
  }

  /**
   * A probe or a scrape every few seconds would be most of the traces, and none of them is a user's
   * request.
   */
  @Bean
  SpanExportingPredicate noProbeOrScrapeSpans() {
    return span -> {
      String uri = span.getTags().getOrDefault("uri", "");
      return !(uri.startsWith("/health") || uri.equals("/metrics"));
    };
  }
}
