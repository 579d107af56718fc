package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.orchestration.session.SessionIds;
import java.util.Map;

/**
 * Starts sessions the way users do: {@code POST /v1/sessions} with a bearer token, expecting 201.
 * As a repeater it sends a few Idempotency-Keys over and over (200, nothing new starts), which runs
 * the whole request path, Temporal start RPC included, without adding workflows: a cheap JIT
 * warm-up for the gateway.
 */
final class GatewaySessions implements ClosedLoop.Start {

  private final JsonHttp caller;
  private final String label;
  private final boolean repeats;

  private GatewaySessions(JsonHttp caller, String label, boolean repeats) {
    this.caller = caller;
    this.label = label;
    this.repeats = repeats;
  }

  static GatewaySessions starting(JsonHttp caller, String label) {
    return new GatewaySessions(caller, label, false);
  }

  static GatewaySessions repeating(JsonHttp caller, String label) {
    return new GatewaySessions(caller, label, true);
  }

  @Override
  public String start(int index) {
    int request = repeats ? index % SessionLoad.REPEATED_KEYS : index;
    JsonHttp client =
        repeats ? caller.header("Idempotency-Key", "warmup-" + label + "-" + request) : caller;
    JsonHttp.Response response =
        client.post(
            "/v1/sessions",
            Map.of(
                "prompt",
                SessionLoad.prompt(request),
                "metadata",
                Map.of("bench", label, "index", "" + request)));
    boolean accepted = response.status() == 201 || (repeats && response.status() == 200);
    if (!accepted) {
      throw new IllegalStateException("POST /v1/sessions answered " + response);
    }
    return SessionIds.workflowId(response.json().get("session_id").asText());
  }
}
