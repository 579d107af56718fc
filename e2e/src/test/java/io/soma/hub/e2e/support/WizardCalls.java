package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The wizard and campaign endpoints as a user drives them. */
public final class WizardCalls {

  public static final String MARKETING_CAMPAIGN = "marketing_campaign_v1";

  private WizardCalls() {}

  /** Valid answers to every question of {@code marketing_campaign_v1}, in order. */
  public static Map<String, Object> answers(String campaignName, boolean approvalRequired) {
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("campaign_name", campaignName);
    answers.put("campaign_type", "product_launch");
    answers.put("target_audience", "platform engineers, engineering managers");
    answers.put("channels", List.of("email", "blog"));
    answers.put("launch_date", LocalDate.now(ZoneOffset.UTC).plusWeeks(2).toString());
    answers.put("budget", 0);
    answers.put("key_messages", "Durable agents that survive restarts.");
    answers.put("success_metrics", List.of("clicks", "signups"));
    answers.put("brand_voice", "friendly");
    answers.put("approval_required", approvalRequired);
    return answers;
  }

  /** POST /v1/wizards/start, which must answer 201; returns the wizard's session id. */
  public static String start(JsonHttp caller) {
    JsonHttp.Response started =
        caller.post("/v1/wizards/start", Map.of("wizard_id", MARKETING_CAMPAIGN));
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    return started.json().get("session_id").asText();
  }

  /** POST /v1/wizards/{id}/answer, which must answer 200; returns the reply. */
  public static JsonNode answer(JsonHttp caller, String wizardId, Object value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", value);
    JsonHttp.Response answered = caller.post("/v1/wizards/" + wizardId + "/answer", body);
    assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
    return answered.json();
  }

  /** Answers the given questions in order; returns the last reply. */
  public static JsonNode answerAll(JsonHttp caller, String wizardId, List<Object> values) {
    JsonNode last = null;
    for (Object value : values) {
      last = answer(caller, wizardId, value);
    }
    return last;
  }

  /** POST /v1/wizards/{id}/approve, which must answer 202; returns the campaign id. */
  public static String approve(JsonHttp caller, String wizardId) {
    JsonHttp.Response approved = caller.post("/v1/wizards/" + wizardId + "/approve", Map.of());
    assertThat(approved.status()).as(approved.toString()).isEqualTo(202);
    return approved.json().get("campaign_id").asText();
  }

  /**
   * Polls GET /v1/campaigns/{id} until the view matches; keeps polling through 503s and refused
   * connections.
   */
  public static JsonNode awaitCampaign(
      JsonHttp caller, String campaignId, Duration timeout, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              JsonHttp.Response response = caller.get("/v1/campaigns/" + campaignId);
              if (response.status() != 200) {
                return false;
              }
              last[0] = response.json();
              return condition.test(last[0]);
            });
    return last[0];
  }
}
