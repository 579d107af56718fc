package io.soma.hub.e2e.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The real jars against a real Temporal dev server, as {@code ./hub up} runs them: the embedded
 * file database as the store and the offline model provider. A session from the HTTP call to its
 * completed workflow.
 */
@RequiresHubJars
class SessionEndToEndTest {

  // Started when the class is first used, after its conditions (@RequiresHubJars) let it run;
  // closed by JUnit.
  @AutoClose private static final LocalHub hub = LocalHub.builder().quickStartJvms().start();

  @Test
  void healthAndMetricsAreAnonymous() {
    assertThat(hub.gateway().get("/health/readiness").status())
        .as("functions /health/readiness")
        .isEqualTo(200);
    assertThat(hub.gateway().header("Accept", "text/plain").get("/metrics").status())
        .as("functions /metrics")
        .isEqualTo(200);
    assertThat(hub.workerManagement().header("Accept", "text/plain").get("/metrics").status())
        .as("worker /metrics")
        .isEqualTo(200);
  }

  @Test
  void theApiNeedsAToken() {
    JsonHttp.Response response = hub.gateway().get("/v1/status");

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void aSessionRunsEveryStepWithTheOfflineProvider() {
    JsonHttp ann =
        hub.gateway().as(hub.tokens().mint("acme", "ann", "sessions:write", "sessions:read"));

    JsonHttp.Response created = ann.post("/v1/sessions", Map.of("prompt", "Plan a product launch"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("status").asText()).isEqualTo("accepted");
    String sessionId = created.json().get("session_id").asText();
    assertThat(created.header("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/v1/sessions/" + sessionId));
    JsonNode session = SessionCalls.awaitFinished(ann, sessionId, Duration.ofMinutes(2));
    assertThat(session.get("status").asText()).as(session.toString()).isEqualTo("COMPLETED");
    assertThat(session.at("/result/provider").asText()).isEqualTo("offline");
    assertThat(stepNames(session))
        .containsExactly("policy_check", "scoped_token", "model_completion", "audit_event");
    assertThat(session.get("steps").findValuesAsText("status")).containsOnly("COMPLETED");
  }

  @Test
  void anotherTenantCannotSeeTheSession() {
    JsonHttp ann =
        hub.gateway().as(hub.tokens().mint("acme", "ann", "sessions:write", "sessions:read"));
    JsonHttp eve = hub.gateway().as(hub.tokens().mint("globex", "eve", "sessions:read"));
    String sessionId =
        ann.post("/v1/sessions", Map.of("prompt", "hello")).json().get("session_id").asText();

    assertThat(eve.get("/v1/sessions/" + sessionId).status()).isEqualTo(404);
  }

  private static List<String> stepNames(JsonNode session) {
    List<String> names = new ArrayList<>();
    session.get("steps").forEach(step -> names.add(step.get("name").asText()));
    return names;
  }
}
