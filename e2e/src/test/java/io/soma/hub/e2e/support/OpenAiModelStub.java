package io.soma.hub.e2e.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The third-party model provider the worker calls: WireMock answering {@code POST
 * /v1/chat/completions} in the OpenAI chat completions format, optionally after a delay. Every call
 * gets a reply of its own ("reply 7 ..."), so a test can tell which call produced a recorded reply,
 * and every call is recorded as it arrives, before the delay, so a test can act while completions
 * are in flight.
 */
public final class OpenAiModelStub implements AutoCloseable {

  public static final String COMPLETIONS_PATH = "/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A call as it arrived, and the reply it was (or would have been) given.
   *
   * @param traceparent the W3C trace context the call carried, or null
   */
  public record Call(
      int number, String authorization, String traceparent, JsonNode request, String reply) {

    public String model() {
      return request.path("model").asText(null);
    }

    /** The content of the last user message. */
    public String prompt() {
      return promptOf(request);
    }
  }

  private final WireMockServer server;
  private final String servedModel;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger numbers = new AtomicInteger();

  private OpenAiModelStub(String servedModel, Duration delay) {
    this.servedModel = servedModel;
    this.server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                // Delayed answers wait on a scheduler, not on a container thread, so many can be in
                // flight.
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(16)
                .containerThreads(64)
                .gzipDisabled(true)
                .notifier(new ConsoleNotifier(false))
                .extensions(new ChatCompletions()));
    server.stubFor(
        post(urlPathEqualTo(COMPLETIONS_PATH))
            .willReturn(aResponse().withFixedDelay((int) delay.toMillis())));
  }

  /** Answers at once. */
  public static OpenAiModelStub start(String servedModel) {
    return start(servedModel, Duration.ZERO);
  }

  /**
   * Answers each call after the delay; {@code servedModel} is the model the answers say they ran.
   */
  public static OpenAiModelStub start(String servedModel, Duration delay) {
    OpenAiModelStub stub = new OpenAiModelStub(servedModel, delay);
    stub.server.start();
    return stub;
  }

  /** The value for HUB_MODEL_BASE_URL, with the {@code /v1} that OpenAI's own base URL has. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/v1";
  }

  public String servedModel() {
    return servedModel;
  }

  /** Every call so far, in the order they arrived. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> callsFor(String prompt) {
    return calls.stream().filter(call -> prompt.equals(call.prompt())).toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static String promptOf(JsonNode request) {
    String prompt = null;
    for (JsonNode message : request.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        prompt = message.path("content").asText(null);
      }
    }
    return prompt;
  }

  private final class ChatCompletions implements ResponseDefinitionTransformerV2 {

    @Override
    public String getName() {
      return "openai-chat-completions";
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      ResponseDefinitionBuilder response =
          ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition());
      JsonNode request;
      try {
        request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
      } catch (JsonProcessingException e) {
        return response.withStatus(400).withBody("{\"error\":{\"message\":\"not JSON\"}}").build();
      }
      int number = numbers.incrementAndGet();
      String reply = "reply " + number + " from the e2e model to: " + promptOf(request);
      calls.add(
          new Call(
              number,
              serveEvent.getRequest().getHeader("Authorization"),
              serveEvent.getRequest().getHeader("traceparent"),
              request,
              reply));
      return response
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(completion(number, reply))
          .build();
    }

    private String completion(int number, String reply) {
      ObjectNode body = JSON.createObjectNode();
      body.put("id", "chatcmpl-e2e-" + number);
      body.put("object", "chat.completion");
      body.put("created", System.currentTimeMillis() / 1000);
      body.put("model", servedModel);
      ObjectNode choice = body.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", reply);
      choice.put("finish_reason", "stop");
      body.putObject("usage")
          .put("prompt_tokens", 9)
          .put("completion_tokens", 12)
          .put("total_tokens", 21);
      return body.toString();
    }
  }
}
