package io.soma.hub.functions.wizards;

import static io.soma.hub.functions.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TestTokens;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The wizard and campaign endpoints over real HTTP, with the real wizard workflow on Temporal's
 * test server.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:wizard-http;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(WizardTemporal.class)
class WizardHttpTest {

  @LocalServerPort int port;
  HttpCalls http;
  final String ann = TestTokens.hs256("acme", "ann", "wizards:write", "campaigns:write");
  final String wizardOnly = TestTokens.hs256("acme", "wes", "wizards:write");
  final String intruder = TestTokens.hs256("globex", "mallory", "wizards:write", "campaigns:write");

  @BeforeEach
  void client() {
    http = new HttpCalls(port);
  }

  private String start() {
    Answer started =
        http.postJson("/v1/wizards/start", ann, "{\"wizard_id\":\"marketing_campaign_v1\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    return started.json().get("session_id").asString();
  }

  private Answer answer(String id, String valueJson) {
    return http.postJson("/v1/wizards/" + id + "/answer", ann, "{\"value\":" + valueJson + "}");
  }

  static List<String> answers(boolean approvalRequired) {
    String launch = LocalDate.now(ZoneOffset.UTC).plusWeeks(2).toString();
    return List.of(
        "\"Spring Launch\"",
        "\"product_launch\"",
        "\"Enterprise CTOs, DevOps Engineers\"",
        "[\"email\",\"blog\",\"social_linkedin\"]",
        "\"" + launch + "\"",
        "0",
        "\"Ten times faster.\"",
        "[\"clicks\",\"leads\"]",
        "\"bold\"",
        String.valueOf(approvalRequired));
  }

  private JsonNode answerAll(String id, List<String> answers) {
    Answer last = null;
    for (String value : answers) {
      last = answer(id, value);
      assertThat(last.status()).as(value + " -> " + last.body()).isEqualTo(200);
    }
    return last == null ? null : last.json();
  }

  @Test
  void theCatalogueIsOpenToAnyValidToken() {
    Answer catalogue = http.get("/v1/wizards", TestTokens.hs256("acme", "zed"));

    assertThat(catalogue.status()).isEqualTo(200);
    JsonNode wizard = catalogue.json().get("wizards").get(0);
    assertThat(wizard.get("wizard_id").asString()).isEqualTo("marketing_campaign_v1");
    assertThat(wizard.get("title").asString()).isEqualTo("Multi-Channel Marketing Campaign");
    assertThat(wizard.get("version").asString()).isEqualTo("1.0.0");
    assertThat(wizard.get("total_steps").asInt()).isEqualTo(10);
    assertThat(wizard.get("questions")).hasSize(10);
  }

  @Test
  void aWholeWizardWithoutApprovalAndANothingBudgetRunsToACampaign() {
    Answer started =
        http.postJson(
            "/v1/wizards/start",
            ann,
            "{\"wizard_id\":\"marketing_campaign_v1\",\"metadata\":{\"team\":\"growth\"}}");
    assertThat(started.status()).isEqualTo(201);
    String id = started.json().get("session_id").asString();
    assertThat(id).matches("wiz-[0-9a-f]{12}");
    assertThat(started.headers().firstValue("Location")).contains("/v1/wizards/" + id);
    assertThat(started.json().get("current_step").asInt()).isEqualTo(1);
    assertThat(started.json().get("total_steps").asInt()).isEqualTo(10);
    assertThat(started.json().get("question").get("id").asString()).isEqualTo("campaign_name");
    assertThat(started.json().get("question").get("validation").get("max_length").asInt())
        .isEqualTo(100);
    assertThat(started.json().get("progress").get("percentage").asInt()).isZero();

    Answer second = answer(id, "\"Spring Launch\"");
    assertThat(second.json().get("completed").asBoolean()).isFalse();
    assertThat(second.json().get("current_step").asInt()).isEqualTo(2);
    assertThat(second.json().get("question").get("default").asString()).isEqualTo("product_launch");

    JsonNode done = answerAll(id, answers(false).subList(1, 10));
    assertThat(done.get("completed").asBoolean()).isTrue();
    assertThat(done.get("progress").get("percentage").asInt()).isEqualTo(100);
    assertThat(done.get("summary").get("answers").get("budget").asInt()).isZero();
    assertThat(done.get("summary").get("answers").get("approval_required").asBoolean()).isFalse();
    JsonNode plan = done.get("execution_plan");
    assertThat(plan.get("plan_id").asString()).isEqualTo("plan-" + id);
    assertThat(plan.get("approval_required").asBoolean()).isFalse();
    assertThat(plan.get("modules")).hasSize(5);
    assertThat(plan.get("modules").get(3).get("id").asString()).isEqualTo("distribution");
    assertThat(plan.get("modules").get(3).get("dependencies").toString())
        .isEqualTo("[\"content_creation\",\"design_assets\"]");
    assertThat(plan.get("tools_required").toString())
        .as("no review step (slack) and no slack_community channel")
        .isEqualTo(
            "[\"figma\",\"github\",\"linkedin\",\"mailchimp\",\"memory_gateway\",\"notion\",\"plane\"]");
    assertThat(done.get("next_steps").get("endpoints").get("approve").asString())
        .isEqualTo("/v1/wizards/" + id + "/approve");

    Answer state = http.get("/v1/wizards/" + id, ann);
    assertThat(state.status()).isEqualTo(200);
    assertThat(state.json().get("status").asString()).isEqualTo("completed");
    assertThat(state.json().get("metadata").get("team").asString()).isEqualTo("growth");

    Answer approved =
        http.send(
            http.request("/v1/wizards/" + id + "/approve", ann)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(approved.status()).as(approved.body()).isEqualTo(202);
    String campaignId = approved.json().get("campaign_id").asString();
    assertThat(campaignId).isEqualTo("camp-" + id.substring(4));
    assertThat(approved.json().get("workflow_id").asString()).isEqualTo("campaign-" + campaignId);

    Answer again = http.postJson("/v1/wizards/" + id + "/approve", ann, "{}");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json()).isEqualTo(approved.json());

    Answer campaign = http.get("/v1/campaigns/" + campaignId, ann);
    assertThat(campaign.status()).as(campaign.body()).isEqualTo(200);
    assertThat(campaign.json().get("status").asString()).isEqualTo("RUNNING");
    assertThat(campaign.json().get("campaign_name").asString()).isEqualTo("Spring Launch");
    assertThat(campaign.json().get("approval").get("state").asString()).isEqualTo("waiting");
    assertProblem(http.get("/v1/campaigns/" + campaignId, intruder), 404, "no campaign");

    assertProblem(
        http.postJson("/v1/campaigns/" + campaignId + "/approval", ann, "{\"comment\":\"ok\"}"),
        400,
        "approved");
    Answer decided =
        http.postJson(
            "/v1/campaigns/" + campaignId + "/approval",
            ann,
            "{\"approved\":true,\"comment\":\"ship it\"}");
    assertThat(decided.status()).as(decided.body()).isEqualTo(202);
    assertThat(decided.json().get("approved").asBoolean()).isTrue();
    assertThat(decided.json().get("decided_by").asString()).isEqualTo("ann");
    Answer secondDecision =
        http.postJson("/v1/campaigns/" + campaignId + "/approval", ann, "{\"approved\":false}");
    assertProblem(secondDecision, 409, "campaign " + campaignId + " is already approved by ann");
    assertThat(secondDecision.json().get("approval").asString()).isEqualTo("approved");
    assertThat(secondDecision.json().get("decided_by").asString()).isEqualTo("ann");
    assertThat(
            http.get("/v1/campaigns/" + campaignId, ann)
                .json()
                .get("approval")
                .get("decided_by")
                .asString())
        .isEqualTo("ann");
  }

  @Test
  void ofConcurrentDecidersOneIsAcceptedAndTheOthersAreToldWhoseDecisionCounts() throws Exception {
    String campaignId = waitingCampaign();
    int deciders = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Answer>> sent = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(deciders);
    try {
      for (int i = 0; i < deciders; i++) {
        String token = TestTokens.hs256("acme", "decider-" + i, "campaigns:write");
        String body = "{\"approved\":" + (i % 2 == 0) + "}";
        sent.add(
            pool.submit(
                () -> {
                  go.await();
                  return http.postJson("/v1/campaigns/" + campaignId + "/approval", token, body);
                }));
      }
      go.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> answer : sent) {
        answers.add(answer.get(30, TimeUnit.SECONDS));
      }

      List<Answer> accepted = answers.stream().filter(a -> a.status() == 202).toList();
      assertThat(accepted).as(answers.toString()).hasSize(1);
      String winner = accepted.get(0).json().get("decided_by").asString();
      String outcome = accepted.get(0).json().get("approved").asBoolean() ? "approved" : "rejected";
      for (Answer refused : answers.stream().filter(a -> a.status() != 202).toList()) {
        assertProblem(refused, 409, "is already " + outcome + " by " + winner);
        assertThat(refused.json().get("decided_by").asString()).isEqualTo(winner);
      }
      JsonNode approval = http.get("/v1/campaigns/" + campaignId, ann).json().get("approval");
      assertThat(approval.get("state").asString()).isEqualTo(outcome);
      assertThat(approval.get("decided_by").asString()).isEqualTo(winner);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anAnswerMeantForAnotherQuestionIsAConflictNamingTheCurrentOne() {
    String id = start();
    Answer first =
        http.postJson(
            "/v1/wizards/" + id + "/answer",
            ann,
            "{\"value\":\"Spring Launch\",\"question_id\":\"campaign_name\"}");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("question").get("id").asString()).isEqualTo("campaign_type");

    Answer late =
        http.postJson(
            "/v1/wizards/" + id + "/answer",
            ann,
            "{\"value\":\"Autumn Launch\",\"question_id\":\"campaign_name\"}");

    assertProblem(late, 409, "the current question of wizard " + id + " is campaign_type (step 2)");
    assertThat(late.json().get("current_question").asString()).isEqualTo("campaign_type");
    assertThat(late.json().get("current_step").asInt()).isEqualTo(2);
    JsonNode state = http.get("/v1/wizards/" + id, ann).json();
    assertThat(state.get("current_step").asInt())
        .as("the late answer changed nothing")
        .isEqualTo(2);
    assertThat(state.get("answers").get("campaign_name").asString()).isEqualTo("Spring Launch");
    assertProblem(
        http.postJson(
            "/v1/wizards/" + id + "/answer", ann, "{\"value\":\"x\",\"question_id\":\" \"}"),
        400,
        "question_id");
  }

  /** A wizard answered and approved over HTTP: its campaign waits for a decision. */
  private String waitingCampaign() {
    String id = start();
    answerAll(id, answers(true));
    Answer approved = http.postJson("/v1/wizards/" + id + "/approve", ann, "{}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(202);
    return approved.json().get("campaign_id").asString();
  }

  @ParameterizedTest(name = "step {0}: {1} breaks {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1  | \"ab\"                        | campaign_name     | min_length",
        "1  | 42                            | campaign_name     | type",
        "1  | null                          | campaign_name     | required",
        "2  | \"webinar\"                   | campaign_type     | options",
        "3  | \" , \"                       | target_audience   | required",
        "4  | []                            | channels          | min_selections",
        "4  | [\"email\",\"fax\"]           | channels          | options",
        "5  | \"2020-01-01\"                | launch_date       | min_date",
        "5  | \"2999-01-01\"                | launch_date       | max_date",
        "5  | \"01/02/2027\"                | launch_date       | date_format",
        "6  | -5                            | budget            | min",
        "6  | 1000001                       | budget            | max",
        "6  | \"5000\"                      | budget            | type",
        "8  | [\"likes\"]                   | success_metrics   | options",
        "9  | {\"tone\":\"bold\"}           | brand_voice       | type",
        "10 | \"yes\"                       | approval_required | type",
      })
  void aBrokenRuleIs400NamingQuestionAndRuleAndChangesNothing(
      int step, String value, String question, String rule) {
    String id = start();
    answerAll(id, answers(true).subList(0, step - 1));
    JsonNode before = http.get("/v1/wizards/" + id, ann).json();

    Answer rejected = answer(id, value);

    assertProblem(rejected, 400, question);
    assertThat(rejected.json().get("question").asString()).isEqualTo(question);
    assertThat(rejected.json().get("rule").asString()).isEqualTo(rule);
    assertThat(http.get("/v1/wizards/" + id, ann).json()).isEqualTo(before);
  }

  @Test
  void anOptionalQuestionIsSkippedWithNull() {
    String id = start();
    answerAll(id, answers(true).subList(0, 5));

    Answer skipped = answer(id, "null");

    assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
    assertThat(skipped.json().get("question").get("id").asString()).isEqualTo("key_messages");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown field in answer | /answer | {\"value\":\"x\",\"step\":1}   | 400 | step",
        "missing value           | /answer | {}                             | 400 | value",
        "malformed answer        | /answer | {\"value\":                    | 400 | well-formed",
        "answer is not an object | /answer | [1]                            | 400 | body",
      })
  void badAnswerBodiesAre400(String name, String suffix, String body, int status, String fragment) {
    String id = start();
    assertProblem(http.postJson("/v1/wizards/" + id + suffix, ann, body), status, fragment);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing wizard_id   | {}                                                         | 400 | wizard_id",
        "wizard_id a number  | {\"wizard_id\": 7}                                         | 400 | wizard_id",
        "unknown field       | {\"wizard_id\":\"marketing_campaign_v1\",\"user_id\":\"x\"}  | 400 | user_id",
        "metadata not a map  | {\"wizard_id\":\"marketing_campaign_v1\",\"metadata\":[1]}  | 400 | metadata",
        "unknown wizard      | {\"wizard_id\":\"nope_v9\"}                                | 404 | nope_v9",
      })
  void badStartBodiesStartNothing(String name, String body, int status, String fragment) {
    assertProblem(http.postJson("/v1/wizards/start", ann, body), status, fragment);
  }

  @Test
  void conflictsAre409() {
    String id = start();
    assertProblem(http.postJson("/v1/wizards/" + id + "/approve", ann, "{}"), 409, "not completed");

    answerAll(id, answers(true));
    assertProblem(answer(id, "\"one more\""), 409, "answered");
  }

  @Test
  void capabilitiesAndTenantsAreEnforced() {
    String id = start();

    assertProblem(
        http.postJson(
            "/v1/wizards/start",
            TestTokens.hs256("acme", "x", "sessions:write"),
            "{\"wizard_id\":\"marketing_campaign_v1\"}"),
        403,
        "wizards:write");
    assertProblem(
        http.postJson("/v1/wizards/" + id + "/approve", wizardOnly, "{}"), 403, "campaigns:write");
    assertProblem(http.get("/v1/campaigns/camp-000000000000", wizardOnly), 403, "campaigns:write");
    assertProblem(http.get("/v1/wizards/" + id, intruder), 404, "no wizard");
    assertProblem(http.get("/v1/wizards/nope", ann), 404, "no wizard");
    assertProblem(
        http.postJson("/v1/wizards/" + id + "/answer", intruder, "{\"value\":\"Stolen name\"}"),
        404,
        "no wizard");
    assertProblem(http.get("/v1/campaigns/camp-000000000000", ann), 404, "no campaign");
    assertProblem(http.get("/v1/wizards", null), 401, "");
  }
}
