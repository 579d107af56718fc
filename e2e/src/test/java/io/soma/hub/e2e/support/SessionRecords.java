package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.orchestration.session.SessionResult;

/**
 * What a completed session must have left behind in the hub store on PostgreSQL: each record
 * exactly once.
 */
public final class SessionRecords {

  public static final String COMPLETED_AUDIT_KIND = "session.completed";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionRecords() {}

  /**
   * One audit event, the one the workflow returned as its event id, about the model and provider
   * that answered, and one recorded completion, whose reply, model and provider are the ones {@code
   * GET /v1/sessions/{id}} answered.
   */
  public static void assertCompletedOnce(
      HubStoreRows store, HubWorkflows workflows, String tenant, JsonNode view) {
    String sessionId = view.get("session_id").asText();
    assertThat(view.path("status").asText())
        .as("session %s: %s", sessionId, view)
        .isEqualTo("COMPLETED");
    SessionResult result = workflows.sessionResult(sessionId);

    assertThat(store.auditEventsOf(sessionId))
        .as("audit_events of session %s", sessionId)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.eventId()).isEqualTo(result.auditEventId());
              assertThat(event.kind()).isEqualTo(COMPLETED_AUDIT_KIND);
              assertThat(event.tenant()).isEqualTo(tenant);
              JsonNode details = readJson(event.payload()).path("details");
              assertThat(details.path("provider").asText())
                  .isEqualTo(view.at("/result/provider").asText());
              assertThat(details.path("model").asText())
                  .isEqualTo(view.at("/result/model").asText());
            });
    assertThat(store.completionsOf(sessionId))
        .as("session_completions of session %s", sessionId)
        .singleElement()
        .satisfies(
            completion -> {
              assertThat(completion.tenant()).isEqualTo(tenant);
              assertThat(completion.reply()).isEqualTo(view.at("/result/reply").asText());
              assertThat(completion.model()).isEqualTo(view.at("/result/model").asText());
              assertThat(completion.provider()).isEqualTo(view.at("/result/provider").asText());
            });
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("an audit payload that is not JSON: " + text, e);
    }
  }
}
