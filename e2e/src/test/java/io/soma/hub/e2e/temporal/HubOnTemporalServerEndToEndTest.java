package io.soma.hub.e2e.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.ClusterLikeHub;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.OpenAiModelStub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.e2e.support.TemporalServer;
import io.soma.hub.e2e.support.WizardCalls;
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
 * The hub's scale path (issue 16): the real Temporal server (go.temporal.io/server, built from
 * source, PostgreSQL persistence, plaintext) under the functions and the worker, instead of the dev
 * server. A session and a whole campaign complete on it, and sessions in the middle of their model
 * calls complete once across a restart of the server while the hub's processes keep running.
 */
@RequiresHubJars
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubOnTemporalServerEndToEndTest {

  private static final String TENANT = "acme";
  private static final Duration MODEL_DELAY = Duration.ofSeconds(3);
  private static final Duration FINISH = Duration.ofMinutes(4);

  private static ClusterLikeHub cluster;
  private static LocalHub hub;

  @BeforeAll
  static void startTheHubOnTheServer() {
    cluster =
        ClusterLikeHub.start(
            OpenAiModelStub.start("e2e-server-model", MODEL_DELAY),
            "e2e-server-model",
            "sk-e2e-server",
            () -> TemporalServer.start(TemporalServer.Security.PLAINTEXT));
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
  void aSessionCompletesOnTheServer() {
    JsonHttp ann = caller();
    List<String> prompts = ClusterLikeHub.prompts("on the server", 1);
    String sessionId = SessionCalls.create(ann, prompts.get(0));

    assertCompletedOnce(prompts, List.of(sessionId));
  }

  @Test
  @Order(2)
  void anApprovedCampaignCompletesOnTheServer() {
    JsonHttp marketer =
        hub.gateway().as(hub.tokens().mint(TENANT, "ann", "wizards:write", "campaigns:write"));
    String wizardId = WizardCalls.start(marketer);
    WizardCalls.answerAll(
        marketer, wizardId, List.copyOf(WizardCalls.answers("Server launch", true).values()));
    String campaignId = WizardCalls.approve(marketer, wizardId);
    WizardCalls.awaitCampaign(
        marketer,
        campaignId,
        FINISH,
        view -> "waiting".equals(view.at("/approval/state").asText()));

    JsonHttp.Response decided =
        marketer.post(
            "/v1/campaigns/" + campaignId + "/approval",
            Map.of("approved", true, "comment", "ship it"));
    assertThat(decided.status()).as(decided.toString()).isEqualTo(202);
    JsonNode done =
        WizardCalls.awaitCampaign(
            marketer,
            campaignId,
            FINISH,
            view -> !view.get("phase").asText().matches("running|awaiting_approval"));

    assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("compensated")).as("compensations").isEmpty();
  }

  @Test
  @Order(3)
  void sessionsInTheirModelCallsCompleteOnceAcrossARestartOfTheServer() {
    JsonHttp ann = caller();
    List<String> prompts = ClusterLikeHub.prompts("server restart", 4);
    List<String> sessionIds =
        prompts.stream().map(prompt -> SessionCalls.create(ann, prompt)).toList();
    cluster.awaitModelCalls(prompts);
    long workerPid = hub.worker().pid();
    long functionsPid = hub.functions().pid();

    hub.temporal().restart();

    assertCompletedOnce(prompts, sessionIds);
    assertThat(hub.worker().pid()).as("the same worker process").isEqualTo(workerPid);
    assertThat(hub.functions().pid()).as("the same functions process").isEqualTo(functionsPid);
    List<String> after = ClusterLikeHub.prompts("after the server restart", 1);
    assertCompletedOnce(after, List.of(SessionCalls.create(ann, after.get(0))));
  }

  private static void assertCompletedOnce(List<String> prompts, List<String> sessionIds) {
    Map<String, JsonNode> sessions = SessionCalls.awaitAllFinished(caller(), sessionIds, FINISH);
    cluster.assertEachCompletedOnceWithAServedReply(TENANT, prompts, sessionIds, sessions);
  }

  private static JsonHttp caller() {
    return hub.gateway().as(hub.tokens().mint(TENANT, "ann", "sessions:write", "sessions:read"));
  }
}
