package io.soma.hub.orchestration.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.soma.hub.orchestration.session.SessionFailures;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiCompatibleProviderTest {

  private static final String COMPLETIONS = "/v1/chat/completions";
  private static final String ANSWER =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"served-model\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello there.\"},\"finish_reason\":\"stop\"}]}";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void postsTheModelAndTheUserMessageWithTheBearerKey() {
    server.stubFor(post(COMPLETIONS).willReturn(okJson(ANSWER)));

    ModelReply reply = provider(server.baseUrl()).complete("Say hello.");

    assertThat(reply)
        .isEqualTo(new ModelReply("served-model", "openai-compatible", "Hello there."));
    server.verify(
        postRequestedFor(urlEqualTo(COMPLETIONS))
            .withHeader("Authorization", equalTo("Bearer sk-test"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}")));
  }

  @Test
  void acceptsABaseUrlWithOrWithoutV1AndTrailingSlashes() {
    String base = server.baseUrl();
    URI expected = URI.create(base + COMPLETIONS);

    assertThat(OpenAiCompatibleProvider.completionsUri(base)).isEqualTo(expected);
    assertThat(OpenAiCompatibleProvider.completionsUri(base + "/")).isEqualTo(expected);
    assertThat(OpenAiCompatibleProvider.completionsUri(base + "/v1")).isEqualTo(expected);
    assertThat(OpenAiCompatibleProvider.completionsUri(base + "/v1/")).isEqualTo(expected);
    assertThat(OpenAiCompatibleProvider.completionsUri("https://llm.example/openai/v1"))
        .isEqualTo(URI.create("https://llm.example/openai/v1/chat/completions"));
  }

  @Test
  void sendsNoAuthorizationHeaderWithoutAKey() {
    server.stubFor(post(COMPLETIONS).willReturn(okJson(ANSWER)));

    new OpenAiCompatibleProvider(
            server.baseUrl(), "local", "", Duration.ofSeconds(1), Duration.ofSeconds(2))
        .complete("Hi");

    server.verify(postRequestedFor(urlEqualTo(COMPLETIONS)).withoutHeader("Authorization"));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 429, 408})
  void overloadAndServerErrorsAreRetryable(int status) {
    server.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(status).withBody("busy")));

    assertThatThrownBy(() -> provider(server.baseUrl()).complete("Hi"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getType()).isEqualTo(SessionFailures.MODEL_PROVIDER_UNAVAILABLE);
              assertThat(failure.getOriginalMessage()).contains("HTTP " + status);
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void clientErrorsAreNotRetryable(int status) {
    server.stubFor(
        post(COMPLETIONS)
            .willReturn(aResponse().withStatus(status).withBody("{\"error\":\"no\"}")));

    assertThatThrownBy(() -> provider(server.baseUrl()).complete("Hi"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(SessionFailures.MODEL_PROVIDER_REJECTED);
              assertThat(failure.getOriginalMessage())
                  .contains("HTTP " + status)
                  .doesNotContain("sk-test");
            });
  }

  @Test
  void aRetryAfterHeaderSetsTheNextRetryDelay() {
    server.stubFor(
        post(COMPLETIONS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

    assertThatThrownBy(() -> provider(server.baseUrl()).complete("Hi"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void aSlowProviderTimesOutRetryably() {
    server.stubFor(post(COMPLETIONS).willReturn(okJson(ANSWER).withFixedDelay(3_000)));
    OpenAiCompatibleProvider impatient =
        new OpenAiCompatibleProvider(
            server.baseUrl(), "gpt-test", "sk-test", Duration.ofSeconds(1), Duration.ofMillis(300));

    assertThatThrownBy(() -> impatient.complete("Hi"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getOriginalMessage()).contains("HttpTimeoutException");
            });
  }

  @Test
  void anUnreachableProviderIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> provider("http://127.0.0.1:" + closedPort).complete("Hi"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, failure -> assertThat(failure.isNonRetryable()).isFalse());
  }

  @Test
  void cancellingTheReplyAbortsTheHttpExchange() throws Exception {
    try (ServerSocket listener = new ServerSocket(0)) {
      CompletableFuture<ModelReply> reply =
          provider("http://127.0.0.1:" + listener.getLocalPort()).completeAsync("Hi");
      try (Socket exchange = listener.accept()) {
        exchange.setSoTimeout(10_000);
        InputStream fromClient = exchange.getInputStream();
        assertThat(fromClient.read(new byte[8192])).as("the request arrived").isPositive();

        reply.cancel(true);

        assertThat(readUntilClosed(fromClient))
            .as("the client closed the connection")
            .isEqualTo(-1);
      }
    }
  }

  private static int readUntilClosed(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    int read;
    do {
      read = in.read(buffer);
    } while (read > 0);
    return read;
  }

  @Test
  void anAnswerWithoutContentIsABadResponse() {
    server.stubFor(post(COMPLETIONS).willReturn(okJson("{\"choices\":[]}")));

    assertThatThrownBy(() -> provider(server.baseUrl()).complete("Hi"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(SessionFailures.MODEL_PROVIDER_BAD_RESPONSE);
            });
  }

  private static OpenAiCompatibleProvider provider(String baseUrl) {
    return new OpenAiCompatibleProvider(
        baseUrl, "gpt-test", "sk-test", Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  private static String chunk(String content) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"served-model\",\"choices\":[{"
        + "\"index\":0,\"delta\":{\"content\":"
        + content
        + "},\"finish_reason\":null}]}\n\n";
  }

  private static final String LAST_CHUNK =
      "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
          + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

  @Test
  void aStreamedReplyIsHandedOverChunkByChunk() {
    server.stubFor(
        post(COMPLETIONS)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .withBody(
                        ": keep-alive\n\n"
                            + chunk("\"Hel\"")
                            + chunk("\"lo, \\u00e9t\u00e9\"")
                            + chunk("\"\"")
                            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\r\n"
                            + "data: \"finish_reason\":null}]}\r\n\r\n"
                            + LAST_CHUNK)));
    List<String> pieces = new ArrayList<>();

    ModelReply reply =
        provider(server.baseUrl()).streamAsync(List.of(ChatMessage.user("Hi")), pieces::add).join();

    assertThat(pieces).containsExactly("Hel", "lo, \u00e9t\u00e9", "!");
    assertThat(reply)
        .isEqualTo(new ModelReply("served-model", "openai-compatible", "Hello, \u00e9t\u00e9!"));
    server.verify(
        postRequestedFor(urlEqualTo(COMPLETIONS))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
  }

  @Test
  void aServerThatIgnoresStreamingAnswersAsOnePiece() {
    server.stubFor(post(COMPLETIONS).willReturn(okJson(ANSWER)));
    List<String> pieces = new ArrayList<>();

    ModelReply reply =
        provider(server.baseUrl()).streamAsync(List.of(ChatMessage.user("Hi")), pieces::add).join();

    assertThat(pieces).containsExactly("Hello there.");
    assertThat(reply.reply()).isEqualTo("Hello there.");
  }

  @Test
  void aStreamCutBeforeItsEndIsARetryableFailure() {
    server.stubFor(
        post(COMPLETIONS)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(chunk("\"Hel\""))));

    assertThatThrownBy(
            () ->
                provider(server.baseUrl())
                    .streamAsync(List.of(ChatMessage.user("Hi")), piece -> {})
                    .join())
        .hasCauseInstanceOf(ApplicationFailure.class)
        .cause()
        .satisfies(
            failure -> {
              assertThat(((ApplicationFailure) failure).getType())
                  .isEqualTo(SessionFailures.MODEL_PROVIDER_UNAVAILABLE);
              assertThat(((ApplicationFailure) failure).isNonRetryable()).isFalse();
            });
  }

  @Test
  void anErrorStreamedMidwayIsARetryableFailureAndAChunkThatIsNotJsonIsABadResponse() {
    server.stubFor(
        post(COMPLETIONS)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        chunk("\"Hel\"")
                            + "data: {\"error\":{\"message\":\"overloaded\"}}\n\n"
                            + LAST_CHUNK)));
    assertThatThrownBy(
            () ->
                provider(server.baseUrl())
                    .streamAsync(List.of(ChatMessage.user("Hi")), piece -> {})
                    .join())
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(SessionFailures.MODEL_PROVIDER_UNAVAILABLE);
              assertThat(failure.getOriginalMessage()).contains("overloaded");
            });

    server.stubFor(
        post(COMPLETIONS)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("data: {not json\n\n" + LAST_CHUNK)));
    assertThatThrownBy(
            () ->
                provider(server.baseUrl())
                    .streamAsync(List.of(ChatMessage.user("Hi")), piece -> {})
                    .join())
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(SessionFailures.MODEL_PROVIDER_BAD_RESPONSE);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }
}
