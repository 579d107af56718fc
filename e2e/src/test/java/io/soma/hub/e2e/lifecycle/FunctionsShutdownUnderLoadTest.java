package io.soma.hub.e2e.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What Knative does to a function when it scales down or rolls a revision: SIGTERM while requests
 * run. The requests in flight finish, new ones are refused, the process exits well inside the grace
 * period, and every session the gateway accepted (201) exists in Temporal: nothing accepted is
 * lost.
 */
@RequiresHubJars
class FunctionsShutdownUnderLoadTest {

  private static final int CLIENTS = 12;

  /**
   * Spring's shutdown phase is 25 s; Knative's grace for a revision is its timeoutSeconds (75 s in
   * knative/).
   */
  private static final Duration GRACE = Duration.ofSeconds(30);

  // Started when the class is first used, after its conditions (@RequiresHubJars) let it run;
  // closed by JUnit.
  @AutoClose private static final LocalHub hub = LocalHub.builder().quickStartJvms().start();

  record Outcome(
      long startedNanos, long endedNanos, int status, String sessionId, String failure) {}

  @Test
  void sigtermLetsRequestsInFlightFinishAndLosesNothingAccepted() throws Exception {
    JsonHttp caller = hub.gateway().as(hub.tokens().mint("acme", "load", "sessions:write"));
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int i = 0; i < CLIENTS; i++) {
      clients.submit(() -> postUntilRefused(caller, outcomes));
    }
    // Under load: every client has had sessions accepted, and requests are in flight.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> outcomes.stream().filter(o -> o.status() == 201).count() > 2L * CLIENTS);

    long sigterm = System.nanoTime();
    hub.functions().stop();
    long exited = System.nanoTime();
    clients.shutdown();
    assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

    List<Outcome> all = new ArrayList<>(outcomes);
    List<Outcome> accepted = all.stream().filter(o -> o.status() == 201).toList();
    List<Outcome> finishedAfterSigterm =
        accepted.stream()
            .filter(o -> o.startedNanos() < sigterm && o.endedNanos() > sigterm)
            .toList();
    System.out.printf(
        "shutdown under load: %d accepted, %d of them in flight at SIGTERM, %d refused, exit after %d ms%n",
        accepted.size(),
        finishedAfterSigterm.size(),
        all.size() - accepted.size(),
        (exited - sigterm) / 1_000_000);
    assertThat(Duration.ofNanos(exited - sigterm))
        .as("time from SIGTERM to exit")
        .isLessThan(GRACE);
    assertThat(accepted).as("sessions accepted before the shutdown").hasSizeGreaterThan(CLIENTS);
    assertThat(finishedAfterSigterm)
        .as("requests in flight at SIGTERM that still got their 201")
        .isNotEmpty();
    assertThat(all)
        .as("every answer is an acceptance, a refusal (503) or no connection at all")
        .allMatch(o -> o.status() == 201 || o.status() == 503 || o.failure() != null);
    assertThat(accepted)
        .as("accepted sessions whose workflow exists in Temporal")
        .allMatch(o -> hub.workflows().sessionWorkflowExists(o.sessionId()));
  }

  /** Posts sessions back to back until the gateway no longer takes connections. */
  private static void postUntilRefused(JsonHttp caller, ConcurrentLinkedQueue<Outcome> outcomes) {
    while (true) {
      long started = System.nanoTime();
      try {
        JsonHttp.Response response =
            caller.post("/v1/sessions", Map.of("prompt", "Outlive the pod"));
        String sessionId =
            response.status() == 201 ? response.json().get("session_id").asText() : null;
        outcomes.add(new Outcome(started, System.nanoTime(), response.status(), sessionId, null));
      } catch (RuntimeException refused) {
        outcomes.add(new Outcome(started, System.nanoTime(), -1, null, refused.toString()));
        return;
      }
    }
  }
}
