package io.soma.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each verb's request and both output formats, against canned answers of the API shapes in
 * docs/api.md.
 */
class VerbsTest {

  static final String ID = "4b1c2d3e-0000-4000-8000-00000000abcd";
  static final String CREATED =
      "{\"session_id\":\""
          + ID
          + "\",\"status\":\"accepted\",\"moderation\":"
          + "{\"strike_count\":0,\"flagged_terms\":[],\"reasons\":[],\"bypassed\":false}}";
  static final String RUNNING =
      "{\"session_id\":\""
          + ID
          + "\",\"status\":\"RUNNING\",\"steps\":[{\"name\":\"policy_check\",\"status\":"
          + "\"COMPLETED\"},{\"name\":\"model_completion\",\"status\":\"RUNNING\"}],\"result\":null}";
  static final String COMPLETED =
      "{\"session_id\":\""
          + ID
          + "\",\"status\":\"COMPLETED\",\"steps\":[{\"name\":\"policy_check\",\"status\":"
          + "\"COMPLETED\"},{\"name\":\"model_completion\",\"status\":\"COMPLETED\"}],"
          + "\"result\":{\"reply\":\"Here is the plan: é\",\"model\":\"offline-1\",\"provider\":\"offline\"}}";

  private final FakeHub hub = new FakeHub();

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void startPostsThePromptMetadataAndKeyAndPrintsTheIdAlone() throws Exception {
    hub.json(201, CREATED);

    CliRun run =
        CliRun.against(
            hub.url(),
            "start",
            "Plan a launch",
            "--idempotency-key",
            "k-1",
            "--metadata",
            "team=growth",
            "--metadata",
            "note=a=b");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(ID + "\n");
    assertThat(run.err()).isEmpty();
    FakeHub.Request request = hub.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/v1/sessions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer test-token");
    assertThat(request.header("Idempotency-Key")).isEqualTo("k-1");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = ApiResponse.JSON.readTree(request.body());
    assertThat(body.get("prompt").asText()).isEqualTo("Plan a launch");
    assertThat(body.get("metadata").get("team").asText()).isEqualTo("growth");
    assertThat(body.get("metadata").get("note").asText()).isEqualTo("a=b");
  }

  @Test
  void startTellsOfAModerationWarningAndARepeatOnStderr() {
    hub.json(
        200,
        CREATED.replace(
            "{\"strike_count\":0,\"flagged_terms\":[],\"reasons\":[]",
            "{\"strike_count\":1,\"flagged_terms\":[\"exploit\"],\"reasons\":[\"the prompt mentions a blocked term\"]"));

    CliRun run = CliRun.against(hub.url(), "start", "an exploit", "--idempotency-key", "k");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(ID + "\n");
    assertThat(run.errLines())
        .containsExactly(
            "session start: the Idempotency-Key names an existing session; nothing new was started",
            "session start: moderation: the prompt mentions a blocked term (strikes: 1, flagged: exploit)");
    assertThat(hub.onlyRequest().body()).doesNotContain("metadata");
  }

  @Test
  void aConversationStartsSaysAndCloses() throws Exception {
    hub.json(201, CREATED)
        .json(
            200,
            "{\"session_id\":\""
                + ID
                + "\",\"reply\":\"Shorter: é\",\"turn\":2,\"model\":\"m\","
                + "\"provider\":\"p\"}")
        .json(202, "{\"session_id\":\"" + ID + "\",\"close_requested\":true}");

    assertThat(CliRun.against(hub.url(), "start", "Plan a launch", "--conversation").out())
        .isEqualTo(ID + "\n");
    CliRun said =
        CliRun.against(hub.url(), "say", ID, "Make it shorter", "--idempotency-key", "t-2");
    CliRun closed = CliRun.against(hub.url(), "close", ID);

    assertThat(said.exitCode()).isZero();
    assertThat(said.out()).isEqualTo("Shorter: é\n");
    assertThat(closed.exitCode()).isZero();
    assertThat(closed.out()).contains("conversation " + ID + " closing");
    var requests = hub.requests();
    assertThat(ApiResponse.JSON.readTree(requests.get(0).body()).get("mode").asText())
        .isEqualTo("conversation");
    assertThat(requests.get(1).uri()).isEqualTo("/v1/sessions/" + ID + "/messages");
    assertThat(requests.get(1).header("Idempotency-Key")).isEqualTo("t-2");
    assertThat(ApiResponse.JSON.readTree(requests.get(1).body()).get("content").asText())
        .isEqualTo("Make it shorter");
    assertThat(requests.get(2).uri()).isEqualTo("/v1/sessions/" + ID + "/close");
    assertThat(requests.get(2).method()).isEqualTo("POST");
  }

  @Test
  void sayNeedsTheIdAndOneMessage() {
    CliRun run = CliRun.against(hub.url(), "say", ID, "two", "words");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("expected the session id and the message");
  }

  @Test
  void jsonPrintsTheBodyAsItCame() {
    hub.json(201, CREATED)
        .json(200, COMPLETED)
        .json(202, "{\"session_id\":\"" + ID + "\",\"cancel_requested\":true}");

    assertThat(CliRun.against(hub.url(), "start", "x", "-o", "json").out())
        .isEqualTo(CREATED + "\n");
    assertThat(CliRun.against(hub.url(), "show", ID, "--output=json").out())
        .isEqualTo(COMPLETED + "\n");
    assertThat(CliRun.against(hub.url(), "cancel", ID, "--output", "json").out())
        .isEqualTo("{\"session_id\":\"" + ID + "\",\"cancel_requested\":true}\n");
  }

  @Test
  void showPrintsStatusStepsAndReply() {
    hub.json(200, COMPLETED);

    CliRun run = CliRun.against(hub.url(), "show", ID);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "session "
                + ID
                + ": COMPLETED\n"
                + "  STEP              STATUS\n"
                + "  policy_check      COMPLETED\n"
                + "  model_completion  COMPLETED\n"
                + "reply (offline, offline-1):\n"
                + "Here is the plan: é\n");
    assertThat(hub.onlyRequest().uri()).isEqualTo("/v1/sessions/" + ID);
  }

  @Test
  void showPrintsTheErrorOfAFailedSession() {
    hub.json(
        200,
        "{\"session_id\":\""
            + ID
            + "\",\"status\":\"FAILED\",\"steps\":[],\"result\":null,"
            + "\"error\":{\"type\":\"PolicyDenied\",\"message\":\"not allowed\"}}");

    CliRun run = CliRun.against(hub.url(), "show", ID);

    assertThat(run.out())
        .isEqualTo("session " + ID + ": FAILED\nerror: PolicyDenied: not allowed\n");
  }

  @Test
  void showWaitPollsUntilTheSessionHasEndedAndSpinsOnlyOnATerminal() {
    hub.json(200, RUNNING).json(200, RUNNING).json(200, COMPLETED);

    CliRun quiet = CliRun.against(hub.url(), "show", ID, "--wait", "-o", "json");

    assertThat(quiet.exitCode()).isZero();
    assertThat(quiet.out()).isEqualTo(COMPLETED + "\n");
    assertThat(quiet.err()).as("stderr is no terminal").isEmpty();
    assertThat(hub.requests()).hasSize(3);

    hub.json(200, RUNNING).json(200, COMPLETED);
    CliRun spinning =
        CliRun.of(
            Map.of("HUB_URL", hub.url(), "HUB_TOKEN", "t", Spinner.TERMINAL_VARIABLE, "1"),
            "show",
            ID,
            "--wait");

    assertThat(spinning.out()).startsWith("session " + ID + ": COMPLETED\n");
    assertThat(spinning.err())
        .contains("| session " + ID + " RUNNING (model_completion)")
        .endsWith("\r\033[K");
  }

  @Test
  void anIdIsOneEncodedPathSegment() {
    hub.problem(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no session ../x?y\"}");

    CliRun run = CliRun.against(hub.url(), "show", "../x?y");

    assertThat(hub.onlyRequest().uri()).isEqualTo("/v1/sessions/..%2Fx%3Fy");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(run.errLines()).containsExactly("session show: 404 no session ../x?y");
  }

  @Test
  void listPrintsATableAndSaysWhenThereIsMore() {
    hub.json(
        200,
        "{\"sessions\":[{\"session_id\":\""
            + ID
            + "\",\"status\":\"RUNNING\","
            + "\"created_at\":\"2026-12-06T10:00:00Z\",\"ended_at\":null},{\"session_id\":\"s-2\",\"status\":\"COMPLETED\","
            + "\"created_at\":\"2026-12-06T09:00:00Z\",\"ended_at\":\"2026-12-06T09:00:02Z\"}],\"next_cursor\":\"c/1+\"}");

    CliRun run = CliRun.against(hub.url(), "list", "--status", "running", "--limit", "2");

    assertThat(run.exitCode()).isZero();
    assertThat(hub.onlyRequest().uri()).isEqualTo("/v1/sessions?status=RUNNING&limit=2");
    assertThat(run.out())
        .isEqualTo(
            "SESSION                               STATUS     CREATED               ENDED\n"
                + ID
                + "  RUNNING    2026-12-06T10:00:00Z  -\n"
                + "s-2                                   COMPLETED  2026-12-06T09:00:00Z  2026-12-06T09:00:02Z\n");
    assertThat(run.errLines())
        .containsExactly("session list: there are more sessions; --all lists every page");
  }

  @Test
  void listAllFollowsTheCursorAndJsonMergesThePages() throws Exception {
    hub.json(
            200,
            "{\"sessions\":[{\"session_id\":\"a\",\"status\":\"RUNNING\",\"created_at\":\"t1\","
                + "\"ended_at\":null}],\"next_cursor\":\"c/1+\"}")
        .json(
            200,
            "{\"sessions\":[{\"session_id\":\"b\",\"status\":\"FAILED\",\"created_at\":\"t0\","
                + "\"ended_at\":\"t2\"}],\"next_cursor\":null}");

    CliRun run = CliRun.against(hub.url(), "list", "--all", "--limit", "1", "-o", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(hub.requests())
        .extracting(FakeHub.Request::uri)
        .containsExactly("/v1/sessions?limit=1", "/v1/sessions?limit=1&cursor=c%2F1%2B");
    JsonNode merged = ApiResponse.JSON.readTree(run.out());
    assertThat(merged.get("sessions").findValuesAsText("session_id")).containsExactly("a", "b");
    assertThat(merged.get("next_cursor").isNull()).isTrue();
    assertThat(run.err()).isEmpty();
  }

  @Test
  void listSaysSoWhenThereAreNone() {
    hub.json(200, "{\"sessions\":[],\"next_cursor\":null}");

    CliRun run = CliRun.against(hub.url(), "list", "--status", "FAILED");

    assertThat(run.out()).isEqualTo("no sessions FAILED\n");
  }

  @Test
  void cancelPostsNoBodyAndSaysItWasRequested() {
    hub.json(202, "{\"session_id\":\"" + ID + "\",\"cancel_requested\":true}");

    CliRun run = CliRun.against(hub.url(), "cancel", ID);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "cancellation of session "
                + ID
                + " requested; ./hub session show "
                + ID
                + " --wait follows it to its end\n");
    FakeHub.Request request = hub.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/v1/sessions/" + ID + "/cancel");
    assertThat(request.body()).isEmpty();
    assertThat(request.header("Content-Type")).isNull();
  }
}
