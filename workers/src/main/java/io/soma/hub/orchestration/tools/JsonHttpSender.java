package io.soma.hub.orchestration.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.store.http.ResponseBodies;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a JSON POST and reads the answer. Server errors, 408, 429, connect errors and timeouts are
 * retryable activity failures; any other non-2xx answer is a non-retryable {@link
 * ToolFailures#REJECTED}.
 */
final class JsonHttpSender {

  private static final int MAX_ERROR_BODY_CHARS = 500;

  private final ObjectMapper json;
  private final HttpClient http;
  private final Duration requestTimeout;

  JsonHttpSender(ObjectMapper json, Duration connectTimeout, Duration requestTimeout) {
    this.json = json;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Returns the JSON object answered, or {@code {status, body}} when the answer is not a JSON
   * object.
   */
  Map<String, Object> send(HttpPost post) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(post.uri())
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(post.body())));
    post.headers().forEach(request::header);
    post.secretHeaders().forEach(request::header);
    if (!post.headers().containsKey("Accept")) {
      request.header("Accept", "application/json");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          post.uri() + " could not be reached: " + e, ToolFailures.UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while calling " + post.uri(), ToolFailures.UNAVAILABLE);
    }
    int status = response.statusCode();
    if (status == 408 || status == 429 || status >= 500) {
      throw ApplicationFailure.newFailure(
          post.uri() + " answered HTTP " + status + ": " + abbreviate(response.body()),
          ToolFailures.UNAVAILABLE);
    }
    if (status < 200 || status >= 300) {
      throw ApplicationFailure.newNonRetryableFailure(
          post.uri()
              + " rejected the request with HTTP "
              + status
              + ": "
              + abbreviate(response.body()),
          ToolFailures.REJECTED,
          status);
    }
    return answer(status, response.body());
  }

  private Map<String, Object> answer(int status, String body) {
    Map<String, Object> answer = new LinkedHashMap<>();
    try {
      JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
      if (node != null && node.isObject()) {
        answer.putAll(json.convertValue(node, Map.class));
      } else {
        answer.put("body", abbreviate(body));
      }
    } catch (IOException notJson) {
      answer.put("body", abbreviate(body));
    }
    answer.put("http_status", status);
    return answer;
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "tool request is not serialisable: " + e, ToolFailures.REJECTED);
    }
  }

  private static String abbreviate(String text) {
    return ResponseBodies.abbreviate(text, MAX_ERROR_BODY_CHARS);
  }
}
