package io.soma.hub.orchestration.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TracedModelProviderTest {

  private static final String ANSWER =
      "{\"model\":\"served-model\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi.\"}}]}";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  void aCallIsAClientSpanOfTheCallersTraceThatTheProviderSendsOn() {
    server.stubFor(post("/v1/chat/completions").willReturn(okJson(ANSWER)));
    ModelProvider provider =
        traced(
            new OpenAiCompatibleProvider(
                server.baseUrl(), "gpt-test", null, Duration.ofSeconds(2), Duration.ofSeconds(5)),
            "gpt-test");
    Span activity = tracing.get("test").spanBuilder("activity").startSpan();

    try (Scope ignored = activity.makeCurrent()) {
      provider.complete("Say hi.");
    }
    activity.end();

    SpanData chat = only("chat gpt-test");
    assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(chat.getParentSpanId()).isEqualTo(activity.getSpanContext().getSpanId());
    assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))
        .isEqualTo("openai-compatible");
    assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")))
        .isEqualTo("served-model");
    assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("traceparent"))
        .isEqualTo("00-" + chat.getTraceId() + "-" + chat.getSpanId() + "-01");
  }

  @Test
  void aFailedCallEndsItsSpanAsAnError() {
    server.stubFor(
        post("/v1/chat/completions").willReturn(aResponse().withStatus(400).withBody("no")));
    ModelProvider provider =
        traced(
            new OpenAiCompatibleProvider(
                server.baseUrl(), "gpt-test", null, Duration.ofSeconds(2), Duration.ofSeconds(5)),
            "gpt-test");

    assertThatThrownBy(() -> provider.complete("Say hi.")).isNotNull();

    assertThat(only("chat gpt-test").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  private ModelProvider traced(ModelProvider provider, String model) {
    return new TracedModelProvider(
        provider, tracing.get("test"), OpenAiCompatibleProvider.PROVIDER, model);
  }

  private SpanData only(String name) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
