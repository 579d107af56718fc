package io.soma.hub.orchestration.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads an OpenAI-compatible chat completion streamed as server-sent events, line by line: each
 * event's data is a chunk whose {@code choices[0].delta.content} is the next piece of the reply,
 * and {@code [DONE]} ends the stream. It never throws while reading (a subscriber must not); what
 * went wrong is thrown by {@link #reply()} at the end, and the lines after it are ignored.
 */
final class ChatCompletionStream implements Flow.Subscriber<String> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Consumer<String> pieces;
  private final URI source;
  private final StringBuilder reply = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private String model;
  private boolean finished;
  private ApplicationFailure failure;

  ChatCompletionStream(String requestedModel, Consumer<String> pieces, URI source) {
    this.model = requestedModel;
    this.pieces = pieces;
    this.source = source;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(String line) {
    if (failure != null || finished) {
      return;
    }
    if (line.isEmpty()) {
      dispatch();
    } else if (line.startsWith("data:")) {
      String value = line.substring("data:".length());
      data.append(data.isEmpty() ? "" : "\n")
          .append(value.startsWith(" ") ? value.substring(1) : value);
    }
    // Comments (":"), "event:", "id:" and "retry:" lines carry nothing a reply needs.
  }

  private void dispatch() {
    if (data.isEmpty()) {
      return;
    }
    String chunk = data.toString();
    data.setLength(0);
    if (chunk.equals("[DONE]")) {
      finished = true;
      return;
    }
    JsonNode node;
    try {
      node = JSON.readTree(chunk);
    } catch (IOException e) {
      failure =
          OpenAiCompatibleProvider.badResponse(
              "the model provider streamed a chunk that is not JSON: "
                  + OpenAiCompatibleProvider.abbreviate(chunk));
      return;
    }
    if (node.has("error")) {
      failure =
          OpenAiCompatibleProvider.unavailable(
              "model provider at "
                  + source
                  + " failed while streaming: "
                  + OpenAiCompatibleProvider.abbreviate(node.get("error").toString()),
              java.util.Optional.empty());
      return;
    }
    if (node.path("model").isTextual() && !node.path("model").textValue().isBlank()) {
      model = node.path("model").textValue();
    }
    JsonNode choice = node.path("choices").path(0);
    JsonNode content = choice.path("delta").path("content");
    if (content.isTextual() && !content.textValue().isEmpty()) {
      reply.append(content.textValue());
      pieces.accept(content.textValue());
    }
    if (choice.path("finish_reason").isTextual()) {
      finished = true;
    }
  }

  @Override
  public void onError(Throwable throwable) {
    // The exchange's future fails with it; nothing to add.
  }

  @Override
  public void onComplete() {
    if (failure == null) {
      dispatch();
    }
  }

  /** The reply once the stream ended: a stream cut before its end is a retryable failure. */
  ModelReply reply() {
    if (failure != null) {
      throw failure;
    }
    if (!finished) {
      throw OpenAiCompatibleProvider.unavailable(
          "the model provider at " + source + " ended its stream before the reply was finished",
          java.util.Optional.empty());
    }
    return new ModelReply(model, OpenAiCompatibleProvider.PROVIDER, reply.toString());
  }
}
