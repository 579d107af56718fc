package io.soma.hub.orchestration.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soma.hub.orchestration.session.SessionFailures;
import io.soma.hub.orchestration.session.SessionRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Asks Open Policy Agent's data API for {@code data.soma.sessions.allow}. Fails closed: anything
 * but a boolean {@code true} denies, and an unreachable engine is a retryable failure, never an
 * allow.
 */
public final class OpaClient {

  static final String DECISION_PATH = "/v1/data/soma/sessions/allow";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI decisionUri;
  private final Duration timeout;
  private final HttpClient http;

  public OpaClient(URI baseUrl, Duration connectTimeout, Duration timeout) {
    this.decisionUri = URI.create(stripTrailingSlash(baseUrl.toString()) + DECISION_PATH);
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
  }

  public PolicyDecision evaluate(SessionRequest request) {
    HttpRequest post =
        HttpRequest.newBuilder(decisionUri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(inputOf(request)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(post, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unavailable("OPA at " + decisionUri + " is unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while asking OPA at " + decisionUri);
    }
    int status = response.statusCode();
    if (status >= 500 || status == 408 || status == 429) {
      throw unavailable("OPA at " + decisionUri + " answered HTTP " + status);
    }
    if (status != 200) {
      throw ApplicationFailure.newNonRetryableFailure(
          "OPA at "
              + decisionUri
              + " rejected the policy query with HTTP "
              + status
              + ": "
              + abbreviate(response.body()),
          SessionFailures.POLICY_ENGINE_REJECTED);
    }
    return decisionFrom(response.body());
  }

  private static PolicyDecision decisionFrom(String body) {
    JsonNode result;
    try {
      result = JSON.readTree(body).path("result");
    } catch (IOException e) {
      throw unavailable("OPA answered with a body that is not JSON: " + abbreviate(body));
    }
    if (result.isBoolean() && result.booleanValue()) {
      return PolicyDecision.allow();
    }
    if (result.isBoolean()) {
      return PolicyDecision.deny(List.of("OPA policy soma.sessions.allow denied the session"));
    }
    if (result.isMissingNode()) {
      return PolicyDecision.deny(List.of("OPA policy soma.sessions.allow is undefined"));
    }
    return PolicyDecision.deny(
        List.of("OPA policy soma.sessions.allow returned a non-boolean " + result.getNodeType()));
  }

  private static String inputOf(SessionRequest request) {
    ObjectNode input = JSON.createObjectNode();
    input.put("tenant", request.tenant());
    input.put("subject", request.subject());
    request.capabilities().forEach(input.putArray("capabilities")::add);
    input.put("prompt_length", request.prompt() == null ? 0 : request.prompt().length());
    input.put("capsule_id", request.capsuleId());
    ObjectNode envelope = JSON.createObjectNode();
    envelope.set("input", input);
    return envelope.toString();
  }

  private static ApplicationFailure unavailable(String message) {
    return ApplicationFailure.newFailure(message, SessionFailures.POLICY_ENGINE_UNAVAILABLE);
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
