package io.soma.hub.e2e.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.ClusterLikeHub;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.OpenAiModelStub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sessions outlive the processes under them: the worker killed with SIGKILL while model completions
 * are in flight, and the Temporal dev server stopped and started again on its SQLite file while the
 * worker and the functions keep running. The model provider (WireMock) answers slowly, so each
 * crash lands in the middle of running sessions; the store is on PostgreSQL, where each session
 * must have left its records exactly once.
 */
@RequiresHubJars
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionDurabilityTest {

  private static final String TENANT = "acme";
  private static final Duration MODEL_DELAY = Duration.ofSeconds(5);

  /**
   * A completion attempt lost with its worker is retried once Temporal times it out, after its
   * heartbeat timeout (10 s); generous, because a restarted worker takes its time on a busy
   * machine.
   */
  private static final Duration RECOVERY = Duration.ofMinutes(4);

  private static ClusterLikeHub cluster;
  private static OpenAiModelStub model;
  private static LocalHub hub;

  @BeforeAll
  static void startTheHub() {
    cluster =
        ClusterLikeHub.start(
            OpenAiModelStub.start("e2e-slow-model", MODEL_DELAY),
            "e2e-slow-model",
            "sk-e2e-durability");
    model = cluster.model();
    hub = cluster.hub();
  }

  @AfterAll
  static void stopTheHub() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void sessionsCompleteOnceWhenTheWorkerIsKilledDuringTheirModelCalls() {
    JsonHttp ann = caller();
    List<String> prompts = prompts("worker crash", 10);
    List<String> sessionIds =
        prompts.stream().map(prompt -> SessionCalls.create(ann, prompt)).toList();
    awaitModelCalls(prompts);

    hub.worker().kill9();
    hub.worker().start();

    Map<String, JsonNode> sessions = SessionCalls.awaitAllFinished(ann, sessionIds, RECOVERY);
    assertEachCompletedOnceWithAServedReply(prompts, sessionIds, sessions);
    assertThat(prompts)
        .as("prompts asked again because the kill cut their first call short")
        .anyMatch(prompt -> model.callsFor(prompt).size() > 1);
  }

  @Test
  @Order(2)
  void runningSessionsCompleteAcrossARestartOfTemporalAndNewOnesStartAfterwards() {
    JsonHttp ann = caller();
    List<String> prompts = prompts("temporal restart", 5);
    List<String> sessionIds =
        prompts.stream().map(prompt -> SessionCalls.create(ann, prompt)).toList();
    awaitModelCalls(prompts);
    long workerPid = hub.worker().pid();
    long functionsPid = hub.functions().pid();

    hub.devServer().restart();

    Map<String, JsonNode> sessions = SessionCalls.awaitAllFinished(ann, sessionIds, RECOVERY);
    assertEachCompletedOnceWithAServedReply(prompts, sessionIds, sessions);
    assertThat(hub.worker().isAlive() && hub.worker().pid() == workerPid)
        .as("the same worker process")
        .isTrue();
    assertThat(hub.functions().isAlive() && hub.functions().pid() == functionsPid)
        .as("the same functions process")
        .isTrue();
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> hub.workerManagement().get("/health/readiness").status() == 200);
    List<String> after = prompts("after the restart", 1);
    String sessionAfter = SessionCalls.create(ann, after.get(0));
    assertEachCompletedOnceWithAServedReply(
        after,
        List.of(sessionAfter),
        SessionCalls.awaitAllFinished(ann, List.of(sessionAfter), RECOVERY));
  }

  private static void assertEachCompletedOnceWithAServedReply(
      List<String> prompts, List<String> sessionIds, Map<String, JsonNode> sessions) {
    cluster.assertEachCompletedOnceWithAServedReply(TENANT, prompts, sessionIds, sessions);
  }

  private static void awaitModelCalls(List<String> prompts) {
    cluster.awaitModelCalls(prompts);
  }

  private static List<String> prompts(String label, int count) {
    return ClusterLikeHub.prompts(label, count);
  }

  private static JsonHttp caller() {
    return hub.gateway().as(hub.tokens().mint(TENANT, "ann", "sessions:write", "sessions:read"));
  }
}
