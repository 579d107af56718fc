package io.soma.hub.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The sessions API over the JDK's HttpClient. Every answer comes back as it is (the verbs decide
 * what a status means); not reaching the hub at all is a {@link CliFailure} with {@link
 * ExitCodes#UNREACHABLE}.
 */
final class HubClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  private final HubSettings settings;
  // HTTP/1.1: the gateway speaks it, and HTTP/2 over plain http would only add an upgrade attempt
  // to every call.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();

  HubClient(HubSettings settings) {
    this.settings = settings;
  }

  ApiResponse get(String pathAndQuery) {
    return send(request(pathAndQuery).GET());
  }

  /** POSTs a JSON body, or no body at all when it is null (cancel reads none). */
  ApiResponse post(String path, String jsonBody, Map<String, String> headers) {
    HttpRequest.Builder request = request(path);
    headers.forEach(request::header);
    if (jsonBody == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    }
    return send(request);
  }

  /**
   * What a GET of an event stream answered: the stream, open, or (a 204 or anything not 2xx) the
   * whole answer.
   */
  record StreamAnswer(ServerSentEvents events, ApiResponse whole) {}

  /**
   * GETs a server-sent event stream, from after {@code lastEventId} when it is set. A 2xx other
   * than 204 is handed over open; any other answer is read whole, as {@link #get} would return it.
   */
  StreamAnswer stream(String path, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.resolve(path))
            .header("Authorization", "Bearer " + settings.token())
            .header("Accept", "text/event-stream, application/problem+json")
            .header("User-Agent", "soma-hub-session-cli")
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<java.io.InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() / 100 == 2 && response.statusCode() != 204) {
        return new StreamAnswer(new ServerSentEvents(response.body()), null);
      }
      try (java.io.InputStream body = response.body()) {
        return new StreamAnswer(
            null,
            new ApiResponse(
                response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8)));
      }
    } catch (IOException failure) {
      throw unreachable(reason(failure));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw unreachable("interrupted while waiting for the answer");
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(settings.resolve(pathAndQuery))
        .timeout(ANSWER_TIMEOUT)
        .header("Authorization", "Bearer " + settings.token())
        .header("Accept", "application/json, application/problem+json")
        .header("User-Agent", "soma-hub-session-cli");
  }

  private ApiResponse send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new ApiResponse(response.statusCode(), response.body());
    } catch (IOException failure) {
      throw unreachable(reason(failure));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw unreachable("interrupted while waiting for the answer");
    }
  }

  private CliFailure unreachable(String reason) {
    return new CliFailure(
        ExitCodes.UNREACHABLE,
        "cannot reach the hub at "
            + settings.baseUrl()
            + " ("
            + reason
            + "); is it running? ./hub up starts one,"
            + " HUB_URL points elsewhere");
  }

  /** What went wrong in words, since the JDK's exceptions often carry no message at all. */
  static String reason(IOException failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
    }
    if (failure instanceof HttpTimeoutException) {
      return "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return cause.getMessage().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return failure instanceof ConnectException
        ? "connection refused"
        : failure.getClass().getSimpleName();
  }
}
