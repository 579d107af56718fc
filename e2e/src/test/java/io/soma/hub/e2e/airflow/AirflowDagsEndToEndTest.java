package io.soma.hub.e2e.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.e2e.support.HubWorkflows;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Both DAGs of airflow/ under a real Airflow 3 (the virtualenv of {@code ./hub test}) against the real hub over HTTP:
 * each DAG run goes through the LocalExecutor, its task supervised and reporting to the execution API as in a
 * deployment; then the same task of the same run is run again ({@code airflow tasks test DAG TASK RUN_ID}, what a
 * retry or a clear does), which must start nothing new. WireMock stands in for Loki and must have received the task
 * logs, labelled app, dag_id and task_id only, and the hub's own lines, labelled app, namespace and env. Airflow
 * holds a token scoped to its DAGs' capabilities for a day, in a file as in a cluster, and the hub refuses that token
 * everywhere else.
 */
@RequiresHubJars
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowDagsEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TENANT = "acme";
  private static final String CAMPAIGN = "Airflow " + UUID.randomUUID().toString().substring(0, 8);
  private static final String REFRESHES = "WorkflowType = '" + MemoryRefreshWorkflow.TYPE + "'";
  private static final Duration VISIBILITY = Duration.ofSeconds(30);

  /** Exactly what the DAGs call the hub with (airflow/plugins/soma_hub/capabilities.py). */
  private static final String[] AIRFLOW_CAPABILITIES = {"memory:refresh", "sessions:write"};

  private static LocalHub hub;
  private static LokiCapture loki;
  private static AirflowInstance airflow;
  private static String airflowToken;
  private static Path tokenFile;
  /** The run of each DAG, by dag id, once its test ran it. */
  private static final Map<String, String> RUNS = new ConcurrentHashMap<>();

  @BeforeAll
  static void startTheHubLokiAndAirflow() throws IOException {
    AirflowVenv venv = AirflowVenv.locate();
    loki = LokiCapture.start();
    // The hub's processes ship to the same Loki as Airflow, as in a cluster.
    hub = LocalHub.builder().quickStartJvms().env("LOKI_URL", loki.baseUrl()).env("HUB_ENV", "e2e").start();
    airflowToken = hub.tokens().mint(TENANT, "airflow", Duration.ofHours(24), AIRFLOW_CAPABILITIES);
    tokenFile = Files.createTempFile("hub-token", "");
    Files.writeString(tokenFile, airflowToken + "\n");
    airflow =
        AirflowInstance.create(
                venv, Map.of("LOKI_URL", loki.baseUrl(), "AIRFLOW_CONN_SOMA_HUB", hubConnection()))
            .start();
  }

  @AfterAll
  static void stopEverything() throws IOException {
    try (LocalHub last = hub;
        LokiCapture second = loki;
        AirflowInstance first = airflow) {
      // try-with-resources closes each, in reverse order, even when one fails
    } finally {
      if (tokenFile != null) {
        Files.deleteIfExists(tokenFile);
      }
    }
  }

  /**
   * The hub as AIRFLOW_CONN_SOMA_HUB: its address and the file of Airflow's scoped token, as the scheduler mounts it
   * in a cluster; no password, and never the signing secret.
   */
  private static String hubConnection() {
    String[] hostPort = hub.functionsTarget().split(":");
    Map<String, Object> connection =
        Map.of(
            "conn_type", "http",
            "host", hostPort[0],
            "port", Integer.parseInt(hostPort[1]),
            "schema", "http",
            "extra", Map.of("token_file", tokenFile.toString()));
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
        airflow.require("tasks", "test", "memory_refresh", "refresh_campaign_memory", runId).output();
    assertThat(returned(again, "workflow_id")).as(again).isEqualTo(workflowId);
    await().during(Duration.ofSeconds(3)).atMost(VISIBILITY).until(() -> workflows.count(REFRESHES) == 1);
  }

  @Test
  @Order(2)
  void sessionWarmupStartsOneSessionAndARerunOfTheSameRunStartsNothing() {
    airflow.require("dags", "test", "--use-executor", "soma_session_warmup");
    String runId = onlyRun("soma_session_warmup");

    HubWorkflows workflows = hub.workflows();
    await().atMost(VISIBILITY).until(() -> workflows.count(HubWorkflows.SESSION_WORKFLOWS) == 1);

    String again =
        airflow.require("tasks", "test", "soma_session_warmup", "trigger_warmup_session", runId).output();
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
            "sessions:read", asAirflow.get("/v1/sessions/" + UUID.randomUUID()),
            "memory:read", asAirflow.get("/v1/memory/fall_launch"),
            "memory:write", asAirflow.post("/v1/memory", Map.of("key", "k", "value", "v")),
            "wizards:write", asAirflow.post("/v1/wizards/start", Map.of("wizard_id", "marketing_campaign_v1")));
    outside.forEach(
        (capability, answer) -> {
          assertThat(answer.status()).as("%s: %s", capability, answer).isEqualTo(403);
          assertThat(answer.json().get("required_capability").asText()).isEqualTo(capability);
        });
  }

  @Test
  @Order(4)
  void lokiReceivedEachTasksLinesOnceWithLowCardinalityLabels() {
    assertThat(RUNS).as("the runs of the tests before").containsKeys("memory_refresh", "soma_session_warmup");
    List<LokiCapture.Line> lines =
        loki.lines().stream().filter(line -> "airflow".equals(line.labels().get("app"))).toList();
    assertThat(lines).as("Airflow's lines pushed to Loki").isNotEmpty();
    assertThat(lines)
        .allSatisfy(line -> assertThat(line.labels().keySet()).isEqualTo(Set.of("app", "dag_id", "task_id")));

    for (String[] task :
        List.of(
            new String[] {"memory_refresh", "refresh_campaign_memory", "/v1/memory/refresh"},
            new String[] {"soma_session_warmup", "trigger_warmup_session", "/v1/sessions"})) {
      Map<String, String> labels = Map.of("app", "airflow", "dag_id", task[0], "task_id", task[1]);
      List<LokiCapture.Line> ofTask = lines.stream().filter(line -> line.labels().equals(labels)).toList();
      // The hook logs each answer once per task run: once under the executor (shipped by the supervisor's
      // processor), once in `tasks test` (shipped by the handler on airflow.task); never twice for one run.
      List<LokiCapture.Line> answers =
          ofTask.stream().filter(line -> line.message().startsWith("POST " + task[2] + " answered")).toList();
      assertThat(answers).as("the hook's answer lines of %s", task[1]).hasSize(2);
      assertThat(answers).allSatisfy(line -> assertThat(line.metadata()).containsEntry("run_id", RUNS.get(task[0])));
      assertThat(ofTask)
          .as("the task runner's own lines, from the executor's run")
          .anySatisfy(line -> assertThat(line.message()).startsWith("Done. Returned value was"));
    }
  }

  @Test
  @Order(5)
  void lokiReceivedTheHubsOwnLinesWithItsStaticLabelsAndTheIdsAsMetadata() {
    assertThat(RUNS).as("the runs of the tests before").containsKeys("memory_refresh", "soma_session_warmup");
    for (String app : List.of("soma-hub-functions", "soma-hub-worker")) {
      await()
          .atMost(VISIBILITY)
          .untilAsserted(
              () ->
                  assertThat(loki.lines())
                      .as("lines of %s", app)
                      .anySatisfy(line -> assertThat(line.labels()).isEqualTo(
                          Map.of("app", app, "namespace", "local", "env", "e2e"))));
    }
    // The worker's workflow and activity lines carry the ids as structured metadata, never as labels.
    await()
        .atMost(VISIBILITY)
        .untilAsserted(
            () ->
                assertThat(loki.lines())
                    .filteredOn(line -> "soma-hub-worker".equals(line.labels().get("app")))
                    .anySatisfy(line -> assertThat(line.metadata()).containsKey("workflow_id")));
  }

  private static String onlyRun(String dagId) {
    List<String> runs = airflow.runIds(dagId);
    assertThat(runs).as("runs of %s", dagId).hasSize(1);
    RUNS.put(dagId, runs.get(0));
    return runs.get(0);
  }

  /** A string field of the body the task returned, from its "Done. Returned value was: {...}" line. */
  private static String returned(String output, String field) {
    Matcher matcher = Pattern.compile("'" + field + "': '([^']+)'").matcher(output);
    assertThat(matcher.find()).as("%s in the task's return value:\n%s", field, output).isTrue();
    return matcher.group(1);
  }
}
