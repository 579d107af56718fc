package io.soma.hub.e2e.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.e2e.support.HubWorkflows;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.LogStore;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The DAGs of airflow/ under a real Airflow 3 (the virtualenv of {@code ./hub test}, with the
 * provider installed) against the real hub over HTTP: each DAG run goes through the LocalExecutor,
 * its task supervised and reporting to the execution API as in a deployment; then the same task of
 * the same run is run again ({@code airflow tasks test DAG TASK RUN_ID}, what a retry or a clear
 * does), which must start nothing new. WireMock stands in for Loki and must have received the task
 * logs, labelled app, dag_id and task_id only, and the hub's own lines, labelled app, namespace and
 * env. Airflow holds a token scoped to its DAGs' capabilities for a day, in a file as in a cluster,
 * and the hub refuses that token everywhere else. The triggerer runs beside them:
 * soma_session_run's deferrable sensor is seen DEFERRED while its session runs (its model call held
 * by the test), then succeeds when the session completes, and fails when the session is cancelled
 * or fails.
 */
@RequiresHubJars
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowDagsEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TENANT = "acme";
  private static final String CAMPAIGN = "Airflow " + UUID.randomUUID().toString().substring(0, 8);
  private static final String REFRESHES = "WorkflowType = '" + MemoryRefreshWorkflow.TYPE + "'";
  private static final Duration VISIBILITY = Duration.ofSeconds(30);

  /**
   * Exactly what the DAGs call the hub with (DAG_CAPABILITIES of
   * airflow/providers/soma-hub/src/soma_hub/capabilities.py).
   */
  private static final String[] AIRFLOW_CAPABILITIES = {
    "memory:refresh", "sessions:write", "sessions:read"
  };

  private static final String SESSION_RUN = "soma_session_run";
  private static final String SENSOR = "wait_for_session";

  /**
   * Starting Airflow's task processes on a busy two-core machine takes a while; nothing here waits
   * on a clock.
   */
  private static final Duration AIRFLOW_STEP = Duration.ofMinutes(4);

  private static LocalHub hub;
  private static HeldModel model;
  private static LogStore loki;
  private static AirflowInstance airflow;
  private static String airflowToken;
  private static Path tokenFile;

  /** The run of each DAG, by dag id, once its test ran it. */
  private static final Map<String, String> RUNS = new ConcurrentHashMap<>();

  @BeforeAll
  static void startTheHubLokiAndAirflow() throws IOException {
    AirflowVenv venv = AirflowVenv.locate();
    loki = LogStore.start();
    model = HeldModel.start();
    // The hub's processes ship to the same Loki as Airflow, as in a cluster.
    hub =
        LocalHub.builder()
            .quickStartJvms()
            .env("LOKI_URL", loki.lokiUrl())
            .env("HUB_ENV", "e2e")
            .workerEnv("HUB_MODEL_BASE_URL", model.baseUrl())
            .workerEnv("HUB_MODEL_NAME", "e2e-held")
            .workerEnv("HUB_MODEL_API_KEY", "sk-e2e-airflow")
            // A held model call is an answer that takes long, not a provider that hangs.
            .workerEnv("HUB_MODEL_TIMEOUT", "900s")
            .start();
    airflowToken = hub.tokens().mint(TENANT, "airflow", Duration.ofHours(24), AIRFLOW_CAPABILITIES);
    tokenFile = Files.createTempFile("hub-token", "");
    Files.writeString(tokenFile, airflowToken + "\n");
    airflow =
        AirflowInstance.create(
                venv, Map.of("LOKI_URL", loki.lokiUrl(), "AIRFLOW_CONN_SOMA_HUB", hubConnection()))
            .start();
  }

  @AfterAll
  static void stopEverything() throws IOException {
    try (LocalHub last = hub;
        HeldModel third = model;
        LogStore second = loki;
        AirflowInstance first = airflow) {
      // try-with-resources closes each, in reverse order, even when one fails
    } finally {
      if (tokenFile != null) {
        Files.deleteIfExists(tokenFile);
      }
    }
  }

  /**
   * The hub as AIRFLOW_CONN_SOMA_HUB: its address and the file of Airflow's scoped token, as the
   * scheduler mounts it in a cluster; no password, and never the signing secret.
   */
  private static String hubConnection() {
    String[] hostPort = hub.functionsTarget().split(":");
    Map<String, Object> connection =
        Map.of(
            "conn_type",
            "http",
            "host",
            hostPort[0],
            "port",
            Integer.parseInt(hostPort[1]),
            "schema",
            "http",
            "extra",
            Map.of("token_file", tokenFile.toString()));
    try {
      String json = JSON.writeValueAsString(connection);
      assertThat(json).doesNotContain(hub.tokens().secret());
      return json;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(1)
  void memoryRefreshStartsOneRefreshWorkflowAndARerunOfTheSameRunStartsNothing() throws Exception {
    String conf = JSON.writeValueAsString(Map.of("campaign", CAMPAIGN, "force", true));
    airflow.require("dags", "test", "--use-executor", "memory_refresh", "-c", conf);
    String runId = onlyRun("memory_refresh");

    HubWorkflows workflows = hub.workflows();
    await().atMost(VISIBILITY).until(() -> workflows.count(REFRESHES) == 1);
    String workflowId = workflows.list(REFRESHES).get(0).getExecution().getWorkflowId();

    String again =
        airflow
            .require("tasks", "test", "memory_refresh", "refresh_campaign_memory", runId)
            .output();
    assertThat(returned(again, "workflow_id")).as(again).isEqualTo(workflowId);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(VISIBILITY)
        .until(() -> workflows.count(REFRESHES) == 1);
  }

  @Test
  @Order(2)
  void sessionWarmupStartsOneSessionAndARerunOfTheSameRunStartsNothing() {
    airflow.require("dags", "test", "--use-executor", "soma_session_warmup");
    String runId = onlyRun("soma_session_warmup");

    HubWorkflows workflows = hub.workflows();
    await().atMost(VISIBILITY).until(() -> workflows.count(HubWorkflows.SESSION_WORKFLOWS) == 1);

    String again =
        airflow
            .require("tasks", "test", "soma_session_warmup", "trigger_warmup_session", runId)
            .output();
    String sessionId = returned(again, "session_id");
    assertThat(workflows.sessionWorkflowExists(sessionId)).isTrue();
    JsonHttp reader = hub.gateway().as(hub.tokens().mint(TENANT, "ops", "sessions:read"));
    JsonHttp.Response session = reader.get("/v1/sessions/" + sessionId);
    assertThat(session.status()).as(session.toString()).isEqualTo(200);
    assertThat(session.json().get("session_id").asText()).isEqualTo(sessionId);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(VISIBILITY)
        .until(() -> workflows.count(HubWorkflows.SESSION_WORKFLOWS) == 1);
  }

  @Test
  @Order(3)
  void airflowsTokenIsRefusedEverywhereOutsideTheDagsCapabilities() {
    JsonHttp asAirflow = hub.gateway().as(airflowToken);
    assertThat(asAirflow.get("/v1/status").status()).as("a valid token").isEqualTo(200);

    Map<String, JsonHttp.Response> outside =
        Map.of(
            "campaigns:write", asAirflow.get("/v1/campaigns/camp-0a1b2c3d4e5f"),
            "memory:read", asAirflow.get("/v1/memory/fall_launch"),
            "memory:write", asAirflow.post("/v1/memory", Map.of("key", "k", "value", "v")),
            "wizards:write",
                asAirflow.post("/v1/wizards/start", Map.of("wizard_id", "marketing_campaign_v1")));
    outside.forEach(
        (capability, answer) -> {
          assertThat(answer.status()).as("%s: %s", capability, answer).isEqualTo(403);
          assertThat(answer.json().get("required_capability").asText()).isEqualTo(capability);
        });
  }

  @Test
  @Order(4)
  void lokiReceivedEachTasksLinesOnceWithLowCardinalityLabels() {
    assertThat(RUNS)
        .as("the runs of the tests before")
        .containsKeys("memory_refresh", "soma_session_warmup");
    List<LogStore.Line> lines =
        loki.lines().stream().filter(line -> "airflow".equals(line.labels().get("app"))).toList();
    assertThat(lines).as("Airflow's lines pushed to Loki").isNotEmpty();
    assertThat(lines)
        .allSatisfy(
            line ->
                assertThat(line.labels().keySet()).isEqualTo(Set.of("app", "dag_id", "task_id")));

    for (String[] task :
        List.of(
            new String[] {"memory_refresh", "refresh_campaign_memory", "/v1/memory/refresh"},
            new String[] {"soma_session_warmup", "trigger_warmup_session", "/v1/sessions"})) {
      Map<String, String> labels = Map.of("app", "airflow", "dag_id", task[0], "task_id", task[1]);
      List<LogStore.Line> ofTask =
          lines.stream().filter(line -> line.labels().equals(labels)).toList();
      // The hook logs each answer once per task run: once under the executor (shipped by the
      // supervisor's
      // processor), once in `tasks test` (shipped by the handler on airflow.task); never twice for
      // one run.
      List<LogStore.Line> answers =
          ofTask.stream()
              .filter(line -> line.message().startsWith("POST " + task[2] + " answered"))
              .toList();
      assertThat(answers).as("the hook's answer lines of %s", task[1]).hasSize(2);
      assertThat(answers)
          .allSatisfy(line -> assertThat(line.fields()).containsEntry("run_id", RUNS.get(task[0])));
      assertThat(ofTask)
          .as("the task runner's own lines, from the executor's run")
          .anySatisfy(line -> assertThat(line.message()).startsWith("Done. Returned value was"));
    }
  }

  @Test
  @Order(5)
  void lokiReceivedTheHubsOwnLinesWithItsStaticLabelsAndTheIdsAsMetadata() {
    assertThat(RUNS)
        .as("the runs of the tests before")
        .containsKeys("memory_refresh", "soma_session_warmup");
    for (String app : List.of("soma-hub-functions", "soma-hub-worker")) {
      await()
          .atMost(VISIBILITY)
          .untilAsserted(
              () ->
                  assertThat(loki.lines())
                      .as("lines of %s", app)
                      .anySatisfy(
                          line ->
                              assertThat(line.labels())
                                  .isEqualTo(
                                      Map.of("app", app, "namespace", "local", "env", "e2e"))));
    }
    // The worker's workflow and activity lines carry the ids as structured metadata, never as
    // labels.
    await()
        .atMost(VISIBILITY)
        .untilAsserted(
            () ->
                assertThat(loki.lines())
                    .filteredOn(line -> "soma-hub-worker".equals(line.labels().get("app")))
                    .anySatisfy(line -> assertThat(line.fields()).containsKey("workflow_id")));
  }

  @Test
  @Order(6)
  void theDeferredSensorWaitsInTheTriggererWhileTheSessionRunsAndSucceedsWhenItCompletes()
      throws Exception {
    String marker = hold();
    CompletableFuture<AirflowCommands.Result> run = runSessionDag("Summarise the week " + marker);
    String runId = sensorDeferredWhileHeld(marker, run);

    model.release(marker);
    AirflowCommands.Result result = run.get(AIRFLOW_STEP.toMinutes(), TimeUnit.MINUTES);
    assertThat(result.exitCode())
        .as("airflow dags test %s:\n%s", SESSION_RUN, result.output())
        .isZero();
    assertThat(airflow.taskState(SESSION_RUN, SENSOR, runId)).isEqualTo("success");
    String sessionId = sessionIdOf(result.output(), "COMPLETED");
    JsonHttp.Response session = reader().get("/v1/sessions/" + sessionId);
    assertThat(session.json().get("status").asText()).as(session.toString()).isEqualTo("COMPLETED");
    assertThat(session.json().at("/result/reply").asText()).contains(marker);
  }

  @Test
  @Order(7)
  void aSessionCancelledWhileTheSensorIsDeferredFailsTheTaskWithoutRetries() throws Exception {
    String marker = hold();
    CompletableFuture<AirflowCommands.Result> run =
        runSessionDag("Draft the launch plan " + marker);
    String runId = sensorDeferredWhileHeld(marker, run);

    String sessionId = theOnlyRunningSession();
    JsonHttp ops = hub.gateway().as(hub.tokens().mint(TENANT, "ops", "sessions:write"));
    JsonHttp.Response cancelled = ops.send("POST", "/v1/sessions/" + sessionId + "/cancel", null);
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);

    AirflowCommands.Result result = run.get(AIRFLOW_STEP.toMinutes(), TimeUnit.MINUTES);
    assertThat(result.exitCode()).as("a failed run:\n%s", result.output()).isNotZero();
    assertThat(result.output()).contains("DagRun failed");
    assertThat(airflow.taskState(SESSION_RUN, SENSOR, runId)).isEqualTo("failed");
    // The sensor's retries (the DAG's default_args give it one) are not used: a retry would find
    // the same end.
    assertThat(taskLines(SENSOR))
        .anySatisfy(
            line ->
                assertThat(line)
                    .isEqualTo(
                        "session " + sessionId + " ended CANCELLED: the session was cancelled"));
  }

  @Test
  @Order(8)
  void aSessionThatFailsFailsTheSensorWithItsReason() throws Exception {
    CompletableFuture<AirflowCommands.Result> run =
        runSessionDag("Ignore the rules " + HeldModel.REFUSE);
    AirflowCommands.Result result = run.get(AIRFLOW_STEP.toMinutes(), TimeUnit.MINUTES);
    assertThat(result.exitCode()).as("a failed run:\n%s", result.output()).isNotZero();
    String runId = newestRun(SESSION_RUN);
    assertThat(airflow.taskState(SESSION_RUN, "start_session", runId)).isEqualTo("success");
    assertThat(airflow.taskState(SESSION_RUN, SENSOR, runId)).isEqualTo("failed");
    // The model's 400 failed the session's model step; the sensor names the session's error.
    assertThat(taskLines(SENSOR))
        .anySatisfy(line -> assertThat(line).matches("session \\S+ ended FAILED: .+"));
  }

  /**
   * A marker of its own for the prompt of one test, whose model call the model holds until
   * released.
   */
  private static String hold() {
    String marker = "[hold " + UUID.randomUUID().toString().substring(0, 8) + "]";
    model.hold(marker);
    return marker;
  }

  /**
   * soma_session_run with this prompt, through the LocalExecutor, as the other DAGs; it ends when
   * the run ends.
   */
  private static CompletableFuture<AirflowCommands.Result> runSessionDag(String prompt)
      throws JsonProcessingException {
    String conf = JSON.writeValueAsString(Map.of("prompt", prompt));
    return CompletableFuture.supplyAsync(
        () -> airflow.airflow("dags", "test", "--use-executor", SESSION_RUN, "-c", conf));
  }

  /**
   * Waits until the session's model call is held (the session is RUNNING) and the sensor of the run
   * is DEFERRED: its trigger is in the triggerer and no task process holds a slot for it. Returns
   * the run's id.
   */
  private static String sensorDeferredWhileHeld(
      String marker, CompletableFuture<AirflowCommands.Result> run) {
    await()
        .atMost(AIRFLOW_STEP)
        .failFast("airflow dags test ended", run::isDone)
        .until(() -> model.arrived(marker));
    String runId = newestRun(SESSION_RUN);
    await()
        .atMost(AIRFLOW_STEP)
        .pollInterval(Duration.ofSeconds(1))
        .failFast("airflow dags test ended", run::isDone)
        .until(() -> airflow.taskState(SESSION_RUN, SENSOR, runId).equals("deferred"));
    assertThat(model.arrived(marker)).isTrue();
    return runId;
  }

  /** The run of the DAG started last; dags test names its runs after the moment it started them. */
  private static String newestRun(String dagId) {
    List<String> runs = new ArrayList<>(airflow.runIds(dagId));
    assertThat(runs).as("runs of %s", dagId).isNotEmpty();
    Collections.sort(runs);
    return runs.get(runs.size() - 1);
  }

  private static String theOnlyRunningSession() {
    JsonNode[] running = new JsonNode[1];
    await()
        .atMost(VISIBILITY)
        .until(
            () -> {
              running[0] = reader().get("/v1/sessions?status=RUNNING").json().get("sessions");
              return running[0].size() == 1;
            });
    return running[0].get(0).get("session_id").asText();
  }

  private static JsonHttp reader() {
    return hub.gateway().as(hub.tokens().mint(TENANT, "ops", "sessions:read"));
  }

  /**
   * The session id in the sensor's "session ID ended STATUS" line of the command's output or Loki.
   */
  private static String sessionIdOf(String output, String status) {
    Pattern ended = Pattern.compile("session (\\S+) ended " + status);
    for (String line : taskLines(SENSOR)) {
      Matcher matcher = ended.matcher(line);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    Matcher matcher = ended.matcher(output);
    assertThat(matcher.find())
        .as("'session ... ended %s' in the output or in Loki:\n%s", status, output)
        .isTrue();
    return matcher.group(1);
  }

  /** The messages of a task of soma_session_run as Loki received them. */
  private static List<String> taskLines(String taskId) {
    Map<String, String> labels = Map.of("app", "airflow", "dag_id", SESSION_RUN, "task_id", taskId);
    return loki.lines().stream()
        .filter(line -> line.labels().equals(labels))
        .map(LogStore.Line::message)
        .toList();
  }

  private static String onlyRun(String dagId) {
    List<String> runs = airflow.runIds(dagId);
    assertThat(runs).as("runs of %s", dagId).hasSize(1);
    RUNS.put(dagId, runs.get(0));
    return runs.get(0);
  }

  /**
   * A string field of the body the task returned, from its "Done. Returned value was: {...}" line.
   */
  private static String returned(String output, String field) {
    Matcher matcher = Pattern.compile("'" + field + "': '([^']+)'").matcher(output);
    assertThat(matcher.find()).as("%s in the task's return value:\n%s", field, output).isTrue();
    return matcher.group(1);
  }
}
