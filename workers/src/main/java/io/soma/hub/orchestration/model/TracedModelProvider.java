package io.soma.hub.orchestration.model;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Makes each model call a client span ({@code chat MODEL}, OpenTelemetry's generative-AI
 * conventions) of the calling activity's trace, from the request to the whole reply. The span is
 * current while the provider builds its request, so an HTTP provider sends it on as {@code
 * traceparent}. The returned future is the provider's own, so cancelling it still abandons the
 * call.
 */
public final class TracedModelProvider implements ModelProvider {

  private final ModelProvider provider;
  private final Tracer tracer;
  private final String providerName;
  private final String model;

  public TracedModelProvider(
      ModelProvider provider, Tracer tracer, String providerName, String model) {
    this.provider = provider;
    this.tracer = tracer;
    this.providerName = providerName;
    this.model = model;
  }

  @Override
  public CompletableFuture<ModelReply> completeAsync(String prompt) {
    return traced(() -> provider.completeAsync(prompt));
  }

  @Override
  public CompletableFuture<ModelReply> converseAsync(List<ChatMessage> messages) {
    return traced(() -> provider.converseAsync(messages));
  }

  @Override
  public CompletableFuture<ModelReply> streamAsync(
      List<ChatMessage> messages, Consumer<String> pieces) {
    return traced(() -> provider.streamAsync(messages, pieces));
  }

  private CompletableFuture<ModelReply> traced(Supplier<CompletableFuture<ModelReply>> call) {
    Span span =
        tracer
            .spanBuilder("chat " + model)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.provider.name", providerName)
            .setAttribute("gen_ai.request.model", model)
            .startSpan();
    CompletableFuture<ModelReply> reply;
    try (Scope ignored = span.makeCurrent()) {
      reply = call.get();
    } catch (RuntimeException e) {
      end(span, null, e);
      throw e;
    }
    reply.whenComplete((answer, failure) -> end(span, answer, failure));
    return reply;
  }

  private static void end(Span span, ModelReply answer, Throwable failure) {
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR);
    } else {
      span.setAttribute("gen_ai.response.model", answer.model());
    }
    span.end();
  }
}
