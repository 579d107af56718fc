package io.soma.hub.e2e.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.PromTool;
import io.soma.hub.e2e.support.PrometheusServer;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.WizardCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The campaign path on the real jars and a real Temporal dev server, watched by a real Prometheus
 * scraping the worker: a wizard answered over HTTP (also across restarts of both processes),
 * approved, its campaign approved and completed, counted once; then its memory refreshed, twice
 * with one key and one workflow.
 */
@RequiresHubJars
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignEndToEndTest {

  private static final Duration CAMPAIGN = Duration.ofMinutes(3);
  private static final String CAMPAIGN_NAME =
      "Launch " + UUID.randomUUID().toString().substring(0, 8);

  private static LocalHub hub;
  private static PrometheusServer prometheus;
  private static String completedCampaignId;

  @BeforeAll
  static void startTheHub() {
    hub = LocalHub.builder().quickStartJvms().start();
    prometheus = PrometheusServer.scrapingTheHub(hub);
  }

  @AfterAll
  static void stopTheHub() {
    try (LocalHub stopsLast = hub;
        PrometheusServer stopsFirst = prometheus) {
      // try-with-resources closes each, in reverse order, even when one fails
    }
  }

  @Test
  @Order(1)
  void aWizardLosesNothingWhenTheFunctionsAndTheWorkerRestart() {
    JsonHttp ann = marketer();
    List<Object> answers =
        new ArrayList<>(WizardCalls.answers("Restart " + CAMPAIGN_NAME, false).values());
    String wizardId = WizardCalls.start(ann);
    WizardCalls.answerAll(ann, wizardId, answers.subList(0, 4));

    hub.functions().kill9();
    hub.worker().kill9();
    hub.worker().start();
    hub.functions().start();

    JsonNode state = readWizard(ann, wizardId);
    assertThat(state.get("answers").size()).as(state.toString()).isEqualTo(4);
    assertThat(state.at("/answers/campaign_name").asText()).isEqualTo("Restart " + CAMPAIGN_NAME);
    JsonNode completion = WizardCalls.answerAll(ann, wizardId, answers.subList(4, answers.size()));
    assertThat(completion.get("completed").asBoolean()).as(completion.toString()).isTrue();
    assertThat(completion.at("/execution_plan/campaign_name").asText())
        .isEqualTo("Restart " + CAMPAIGN_NAME);
  }

  @Test
  @Order(2)
  void anApprovedCampaignCompletesAndPrometheusCountsItOnce() {
    JsonHttp ann = marketer();
    String wizardId = WizardCalls.start(ann);
    JsonNode completion =
        WizardCalls.answerAll(
            ann, wizardId, List.copyOf(WizardCalls.answers(CAMPAIGN_NAME, true).values()));
    assertThat(completion.at("/execution_plan/modules").findValuesAsText("id"))
        .contains("review_approval");
    String campaignId = WizardCalls.approve(ann, wizardId);
    assertThat(WizardCalls.approve(ann, wizardId)).as("approving twice").isEqualTo(campaignId);

    WizardCalls.awaitCampaign(
        ann, campaignId, CAMPAIGN, view -> "waiting".equals(view.at("/approval/state").asText()));
    JsonHttp.Response decided =
        ann.post(
            "/v1/campaigns/" + campaignId + "/approval",
            Map.of("approved", true, "comment", "ship it"));
    assertThat(decided.status()).as(decided.toString()).isEqualTo(202);
    JsonNode done =
        WizardCalls.awaitCampaign(
            ann,
            campaignId,
            CAMPAIGN,
            view -> !view.get("phase").asText().matches("running|awaiting_approval"));

    assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("compensated")).as("compensations").isEmpty();
    String series = "campaign_analytics_created_total{campaign_name=\"" + CAMPAIGN_NAME + "\"}";
    await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.value(series).isPresent());
    assertThat(prometheus.value(series)).contains(1.0);
    assertThat(
            prometheus.value(
                "campaign_analytics_created_total{campaign_id=\"" + campaignId + "\"}"))
        .contains(1.0);
    completedCampaignId = campaignId;
  }

  @Test
  @Order(3)
  void bothMetricsEndpointsPassPromtool() {
    String worker = hub.workerManagement().header("Accept", "text/plain").get("/metrics").body();
    String functions = hub.gateway().header("Accept", "text/plain").get("/metrics").body();

    assertThat(worker).contains("campaign_analytics_created_total{").contains("temporal_");
    assertThat(PromTool.checkMetrics(worker)).as("promtool check metrics on the worker").isEmpty();
    assertThat(PromTool.checkMetrics(functions))
        .as("promtool check metrics on the functions")
        .isEmpty();
  }

  @Test
  @Order(4)
  void aMemoryRefreshIsAcceptedAndRepeatableWithoutASecondWorkflow() {
    assertThat(completedCampaignId).as("the campaign of the previous test").isNotNull();
    JsonHttp airflow =
        hub.gateway()
            .as(hub.tokens().mint("acme", "airflow", "memory:refresh", "memory:read"))
            .header("Idempotency-Key", "scheduled__" + UUID.randomUUID());

    JsonHttp.Response first =
        airflow.post("/v1/memory/refresh", Map.of("campaign", CAMPAIGN_NAME, "force", true));
    JsonHttp.Response again =
        airflow.post("/v1/memory/refresh", Map.of("campaign", CAMPAIGN_NAME, "force", true));

    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(again.status()).as(again.toString()).isIn(200, 202);
    String workflowId = first.json().get("workflow_id").asText();
    assertThat(again.json().get("workflow_id").asText()).isEqualTo(workflowId);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(hub.workflows().count("WorkflowId = '" + workflowId + "'"))
                    .isEqualTo(1));
    await()
        .atMost(CAMPAIGN)
        .ignoreExceptions()
        .until(() -> airflow.get("/v1/memory/" + campaignKey()).status() == 200);
    JsonNode remembered = airflow.get("/v1/memory/" + campaignKey()).json();
    assertThat(remembered.get("key").asText()).isEqualTo(campaignKey());
    assertThat(remembered.at("/value/campaign").asText()).isEqualTo(CAMPAIGN_NAME);
    assertThat(remembered.at("/value/artifact_count").asInt()).isPositive();
  }

  /**
   * The campaign's memory key: characters outside the key alphabet (the space) become {@code _}.
   */
  private static String campaignKey() {
    return "campaign:" + CAMPAIGN_NAME.replace(' ', '_');
  }

  private static JsonHttp marketer() {
    return hub.gateway().as(hub.tokens().mint("acme", "ann", "wizards:write", "campaigns:write"));
  }

  /** GET /v1/wizards/{id}, polled until the restarted processes answer. */
  private static JsonNode readWizard(JsonHttp caller, String wizardId) {
    JsonNode[] state = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(1))
        .ignoreExceptions()
        .until(
            () -> {
              JsonHttp.Response response = caller.get("/v1/wizards/" + wizardId);
              state[0] = response.status() == 200 ? response.json() : null;
              return state[0] != null;
            });
    return state[0];
  }
}
