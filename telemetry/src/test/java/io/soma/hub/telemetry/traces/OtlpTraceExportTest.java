package io.soma.hub.telemetry.traces;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OtlpTraceExportTest {

  @Test
  void nothingConfiguredMeansNoEndpoint() {
    assertThat(OtlpTraceExport.endpoint(settings(Map.of()))).isEmpty();
    assertThat(OtlpTraceExport.endpoint(settings(Map.of(OtlpTraceExport.ENDPOINT, " ")))).isEmpty();
  }

  @Test
  void theBaseEndpointGetsTheTracesPathAndTheTracesEndpointIsTakenAsItIs() {
    assertThat(
            OtlpTraceExport.endpoint(
                settings(Map.of(OtlpTraceExport.ENDPOINT, "http://collector:4318/"))))
        .hasValue("http://collector:4318/v1/traces");
    assertThat(
            OtlpTraceExport.endpoint(
                settings(
                    Map.of(
                        OtlpTraceExport.ENDPOINT, "http://collector:4318",
                        OtlpTraceExport.TRACES_ENDPOINT, "http://traces:9999/custom"))))
        .hasValue("http://traces:9999/custom");
  }

  @Test
  void theNoneExporterTurnsExportOff() {
    assertThat(
            OtlpTraceExport.endpoint(
                settings(
                    Map.of(
                        OtlpTraceExport.ENDPOINT,
                        "http://collector:4318",
                        OtlpTraceExport.EXPORTER,
                        "none"))))
        .isEmpty();
  }

  @Test
  void withoutAnEndpointSpansAreDroppedAndNoExporterIsMade() {
    OtlpTraceExport export = OtlpTraceExport.from(name -> null);
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(export)).build()) {
      tracing.get("test").spanBuilder("dropped").startSpan().end();
    }
    assertThat(export.endpoint()).isEmpty();
  }

  @Test
  void spansArePostedAsOtlpProtobufToTheEndpoint() {
    WireMockServer collector = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    collector.start();
    try {
      collector.stubFor(post(urlPathEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
      OtlpTraceExport export =
          OtlpTraceExport.from(
              settings(Map.of(OtlpTraceExport.ENDPOINT, "http://127.0.0.1:" + collector.port())));
      try (SdkTracerProvider tracing =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(export))
              .build()) {
        Span span = tracing.get("test").spanBuilder("exported").startSpan();
        span.end();
        assertThat(tracing.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      }
      collector.verify(postRequestedFor(urlPathEqualTo("/v1/traces")));
      assertThat(collector.getAllServeEvents().get(0).getRequest().getHeader("Content-Type"))
          .isEqualTo("application/x-protobuf");
    } finally {
      collector.stop();
    }
  }

  private static java.util.function.Function<String, String> settings(Map<String, String> values) {
    Map<String, String> copy = new HashMap<>(values);
    return copy::get;
  }
}
