package io.soma.hub.orchestration.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts a callback as Standard Webhooks specifies (https://www.standardwebhooks.com): headers
 * {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}
 * ({@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body} under the tenant's secret).
 * Every attempt is signed afresh, so a receiver holding the usual 5-minute replay window accepts a
 * retry. Redirects are not followed, and the host's addresses are checked before every attempt.
 */
public class CallbackActivitiesImpl implements CallbackActivities {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CallbackSecrets secrets;
  private final CallbackDestinations destinations;
  private final HttpClient http;
  private final Clock clock;

  /**
   * @param secrets the tenants' secrets, null when the hub has no callback key (every delivery then
   *     fails for good)
   */
  public CallbackActivitiesImpl(
      CallbackSecrets secrets, CallbackDestinations destinations, Clock clock) {
    this.secrets = secrets;
    this.destinations = destinations;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public void post(CallbackDelivery delivery) {
    if (secrets == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "this worker has no HUB_CALLBACK_KEY to sign callbacks with",
          CallbackFailures.NOT_CONFIGURED);
    }
    URI uri = checkedDestination(delivery.url());
    String body = json(delivery.body());
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(CallbackOptions.ATTEMPT_TIMEOUT.minusSeconds(5))
            .header("Content-Type", "application/json")
            .header("User-Agent", "soma-agent-hub-callbacks")
            .header("webhook-id", delivery.messageId())
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature(delivery, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "the receiver could not be reached: " + e, CallbackFailures.NOT_DELIVERED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted", CallbackFailures.NOT_DELIVERED);
    }
    int status = response.statusCode();
    if (status == 410) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the receiver answered 410 Gone", CallbackFailures.RECEIVER_GONE);
    }
    if (status < 200 || status > 299) {
      throw ApplicationFailure.newFailure(
          "the receiver answered " + status, CallbackFailures.NOT_DELIVERED);
    }
  }

  /** The URL as the gateway accepted it, and every address its host has now. */
  private URI checkedDestination(String url) {
    try {
      URI uri = destinations.check(url);
      for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
        destinations.checkAddress(address);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "callback_url " + e.getMessage(), CallbackFailures.DESTINATION_REFUSED);
    } catch (UnknownHostException e) {
      // DNS may come back; retried like an unreachable receiver.
      throw ApplicationFailure.newFailure(
          "the receiver's host does not resolve: " + e.getMessage(),
          CallbackFailures.NOT_DELIVERED);
    }
  }

  private String signature(CallbackDelivery delivery, long timestamp, String body) {
    try {
      return new Webhook(secrets.forTenant(delivery.tenant()))
          .sign(delivery.messageId(), timestamp, body);
    } catch (WebhookSigningException e) {
      throw new IllegalStateException(
          "a derived secret is always a valid Standard Webhooks secret", e);
    }
  }

  private static String json(SessionCallback callback) {
    try {
      return JSON.writeValueAsString(callback);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a callback's body is plain strings", e);
    }
  }
}
