package io.soma.hub.orchestration.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.soma.hub.orchestration.session.SessionFailures;
import io.soma.hub.store.http.OpenAiCompatible;
import io.soma.hub.store.http.ResponseBodies;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A client for any OpenAI-compatible {@code /v1/chat/completions} endpoint. Overload, server
 * errors, timeouts and I/O errors are retryable failures; a client error (4xx) is not, because
 * sending the same request again cannot succeed. Speaks HTTP/1.1 only: some OpenAI-compatible
 * servers mishandle the h2c upgrade the JDK client offers. Sends the current trace context as
 * {@code traceparent}, so a traced model server continues the session's trace.
 */
public final class OpenAiCompatibleProvider implements ModelProvider {

  public static final String PROVIDER = "openai-compatible";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_BODY_CHARS = 500;
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final URI completionsUri;
  private final String model;
  private final String apiKey;
  private final Duration requestTimeout;
  private final HttpClient http;

  public OpenAiCompatibleProvider(
      String baseUrl,
      String model,
      String apiKey,
      Duration connectTimeout,
      Duration requestTimeout) {
    this.completionsUri = completionsUri(baseUrl);
    this.model = model;
    this.apiKey = apiKey;
    this.requestTimeout = requestTimeout;
    this.http = OpenAiCompatible.httpClient(connectTimeout);
  }

  /** Accepts a base URL with or without a trailing {@code /v1}. */
  static URI completionsUri(String baseUrl) {
    return OpenAiCompatible.endpoint(baseUrl, "chat/completions");
  }

  public URI completionsUri() {
    return completionsUri;
  }

  /** Cancelling the returned future aborts the HTTP exchange. */
  @Override
  public CompletableFuture<ModelReply> completeAsync(String prompt) {
    return converseAsync(List.of(ChatMessage.user(prompt)));
  }

  /**
   * The whole conversation as the request's messages; cancelling the returned future aborts the
   * HTTP exchange.
   */
  @Override
  public CompletableFuture<ModelReply> converseAsync(List<ChatMessage> messages) {
    return exchange(messages, null);
  }

  /**
   * Asks for the reply as a stream of server-sent chunks ({@code "stream": true}), handing each
   * chunk's content to {@code pieces} as it arrives. A server that answers with one JSON body
   * instead is read as such, its reply one piece.
   */
  @Override
  public CompletableFuture<ModelReply> streamAsync(
      List<ChatMessage> messages, Consumer<String> pieces) {
    return exchange(messages, pieces);
  }

  private CompletableFuture<ModelReply> exchange(
      List<ChatMessage> messages, Consumer<String> pieces) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(completionsUri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header(
                "Accept",
                pieces == null ? "application/json" : "text/event-stream, application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestBody(messages, pieces != null)));
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    W3CTraceContextPropagator.getInstance()
        .inject(Context.current(), request, HttpRequest.Builder::header);
    CompletableFuture<HttpResponse<Object>> exchange =
        http.sendAsync(request.build(), answer(pieces));
    CompletableFuture<ModelReply> reply =
        exchange.handle((response, failure) -> replyOrFailure(response, failure, pieces));
    // CompletableFuture does not pass a dependent's cancellation upstream (the JDK's HTTP client
    // happens to), so
    // a reply that ends while its exchange is still running cancels the exchange itself.
    reply.whenComplete(
        (ignored, failure) -> {
          if (failure != null && !exchange.isDone()) {
            exchange.cancel(true);
          }
        });
    return reply;
  }

  /**
   * A successful stream is read chunk by chunk into a {@link ModelReply}; any other answer as one
   * string.
   */
  private HttpResponse.BodyHandler<Object> answer(Consumer<String> pieces) {
    return info -> {
      boolean streamed =
          pieces != null
              && info.statusCode() / 100 == 2
              && info.headers()
                  .firstValue("Content-Type")
                  .orElse("")
                  .toLowerCase(Locale.ROOT)
                  .startsWith("text/event-stream");
      if (streamed) {
        ChatCompletionStream stream = new ChatCompletionStream(model, pieces, completionsUri);
        return HttpResponse.BodySubscribers.mapping(
            HttpResponse.BodySubscribers.fromLineSubscriber(
                stream, ChatCompletionStream::reply, StandardCharsets.UTF_8, null),
            reply -> (Object) reply);
      }
      return HttpResponse.BodySubscribers.mapping(
          HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), body -> (Object) body);
    };
  }

  private ModelReply replyOrFailure(
      HttpResponse<Object> response, Throwable failure, Consumer<String> pieces) {
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      if (cause instanceof IOException) {
        throw unavailable(
            "model provider at " + completionsUri + " failed: " + cause, Optional.empty());
      }
      throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
    if (response.body() instanceof ModelReply streamed) {
      return streamed;
    }
    String body = (String) response.body();
    int status = response.statusCode();
    if (status == 408 || status == 429 || status >= 500) {
      throw unavailable(
          "model provider at "
              + completionsUri
              + " answered HTTP "
              + status
              + ": "
              + abbreviate(body),
          retryAfter(response));
    }
    if (status < 200 || status >= 300) {
      throw ApplicationFailure.newNonRetryableFailure(
          "model provider at "
              + completionsUri
              + " rejected the request with HTTP "
              + status
              + ": "
              + abbreviate(body),
          SessionFailures.MODEL_PROVIDER_REJECTED,
          status);
    }
    ModelReply reply = replyOf(body);
    if (pieces != null) {
      pieces.accept(reply.reply());
    }
    return reply;
  }

  private String requestBody(List<ChatMessage> messages, boolean stream) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    if (stream) {
      body.put("stream", true);
    }
    var array = body.putArray("messages");
    for (ChatMessage chat : messages) {
      ObjectNode message = array.addObject();
      message.put("role", chat.role());
      message.put("content", chat.content());
    }
    return body.toString();
  }

  /** Names the model the provider says it ran, which may be more precise than the one asked for. */
  private ModelReply replyOf(String body) {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      throw badResponse("the model provider's answer is not JSON: " + abbreviate(body));
    }
    JsonNode content = answer.path("choices").path(0).path("message").path("content");
    if (!content.isTextual()) {
      throw badResponse(
          "the model provider's answer has no choices[0].message.content: " + abbreviate(body));
    }
    JsonNode served = answer.path("model");
    String servedModel =
        served.isTextual() && !served.textValue().isBlank() ? served.textValue() : model;
    return new ModelReply(servedModel, PROVIDER, content.textValue());
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.strip());
                return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
              } catch (NumberFormatException httpDate) {
                return Optional.empty();
              }
            })
        .map(delay -> delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay);
  }

  static ApplicationFailure unavailable(String message, Optional<Duration> retryAfter) {
    ApplicationFailure failure =
        ApplicationFailure.newFailure(message, SessionFailures.MODEL_PROVIDER_UNAVAILABLE);
    retryAfter.ifPresent(failure::setNextRetryDelay);
    return failure;
  }

  static ApplicationFailure badResponse(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        message, SessionFailures.MODEL_PROVIDER_BAD_RESPONSE);
  }

  static String abbreviate(String text) {
    return ResponseBodies.abbreviate(text, MAX_ERROR_BODY_CHARS);
  }
}
