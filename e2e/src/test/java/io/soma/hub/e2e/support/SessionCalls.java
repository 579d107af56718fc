package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/** The session API as a caller uses it: create a session, then poll it until it has finished. */
public final class SessionCalls {

  private static final List<String> FINISHED = List.of("COMPLETED", "FAILED", "CANCELLED");
  private static final Duration POLL_INTERVAL = Duration.ofMillis(300);

  private SessionCalls() {}

  /** POST /v1/sessions, which must answer 201; returns the session id. */
  public static String create(JsonHttp caller, String prompt) {
    JsonHttp.Response created = caller.post("/v1/sessions", Map.of("prompt", prompt));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("session_id").asText();
  }

  public static JsonNode awaitFinished(JsonHttp caller, String sessionId, Duration timeout) {
    return awaitAllFinished(caller, List.of(sessionId), timeout).get(sessionId);
  }

  /**
   * Polls every session until each has finished, whatever its end; returns the final views by
   * session id. While the hub cannot answer (a 503 while Temporal restarts, a refused connection)
   * it keeps polling.
   */
  public static Map<String, JsonNode> awaitAllFinished(
      JsonHttp caller, Collection<String> sessionIds, Duration timeout) {
    Map<String, JsonNode> finished = new LinkedHashMap<>();
    try {
      await()
          .atMost(timeout)
          .pollInterval(POLL_INTERVAL)
          .until(
              () -> {
                for (String sessionId : sessionIds) {
                  if (!finished.containsKey(sessionId)) {
                    readIfFinished(caller, sessionId)
                        .ifPresent(view -> finished.put(sessionId, view));
                  }
                }
                return finished.size() == sessionIds.size();
              });
    } catch (ConditionTimeoutException e) {
      List<String> unfinished =
          sessionIds.stream().filter(id -> !finished.containsKey(id)).toList();
      throw new AssertionError(
          unfinished.size()
              + " of "
              + sessionIds.size()
              + " sessions did not finish within "
              + timeout
              + ": "
              + unfinished,
          e);
    }
    Map<String, JsonNode> inOrder = new LinkedHashMap<>();
    sessionIds.forEach(sessionId -> inOrder.put(sessionId, finished.get(sessionId)));
    return inOrder;
  }

  private static Optional<JsonNode> readIfFinished(JsonHttp caller, String sessionId) {
    JsonHttp.Response response;
    try {
      response = caller.get("/v1/sessions/" + sessionId);
    } catch (UncheckedIOException unreachable) {
      return Optional.empty();
    }
    if (response.status() == 503) {
      return Optional.empty();
    }
    assertThat(response.status()).as("GET /v1/sessions/%s: %s", sessionId, response).isEqualTo(200);
    JsonNode view = response.json();
    return FINISHED.contains(view.path("status").asText()) ? Optional.of(view) : Optional.empty();
  }
}
