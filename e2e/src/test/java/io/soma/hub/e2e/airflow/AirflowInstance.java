package io.soma.hub.e2e.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.HubProcess;
import io.soma.hub.testing.cluster.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An Airflow of the repository's airflow/ folder, as a deployment runs it but on one machine: a
 * fresh AIRFLOW_HOME with a SQLite metadata database, the DAGs of airflow/ and the provider of
 * airflow/providers/soma-hub, the Loki logging config, the execution API server that tasks run by
 * an executor report to, and the triggerer that runs the triggers of deferred tasks.
 */
final class AirflowInstance implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND = Duration.ofMinutes(5);

  private final AirflowVenv venv;
  private final Path home;
  private final Map<String, String> environment;
  private HubProcess apiServer;
  private Process triggerer;

  private AirflowInstance(AirflowVenv venv, Path home, Map<String, String> environment) {
    this.venv = venv;
    this.home = home;
    this.environment = environment;
  }

  /**
   * Settings for this instance; {@code extra} adds LOKI_URL, AIRFLOW_CONN_SOMA_HUB and the like.
   */
  static AirflowInstance create(AirflowVenv venv, Map<String, String> extra) {
    Path airflow = HubJars.root().resolve("airflow");
    Path home;
    try {
      home = Files.createTempDirectory("airflow-home");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int apiPort = Ports.free();
    Map<String, String> environment = new HashMap<>(extra);
    environment.put("AIRFLOW_HOME", home.toString());
    environment.put("AIRFLOW__CORE__DAGS_FOLDER", airflow.resolve("dags").toString());
    // The provider is installed in the virtualenv (./hub install), which registers it with Airflow;
    // its sources here
    // come first on the path, so that the test runs this checkout's code even when the installed
    // copy is older.
    environment.put("PYTHONPATH", airflow.resolve("providers/soma-hub/src").toString());
    environment.put("PYTHONDONTWRITEBYTECODE", "1");
    environment.put("AIRFLOW__CORE__LOAD_EXAMPLES", "false");
    environment.put("AIRFLOW__CORE__EXECUTOR", "LocalExecutor");
    environment.put("AIRFLOW__CORE__PARALLELISM", "2");
    environment.put(
        "AIRFLOW__LOGGING__LOGGING_CONFIG_CLASS", "soma_hub.loki_logging.LOGGING_CONFIG");
    environment.put("AIRFLOW__API__PORT", Integer.toString(apiPort));
    environment.put(
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL", "http://127.0.0.1:" + apiPort + "/execution/");
    return new AirflowInstance(venv, home, Map.copyOf(environment));
  }

  /**
   * {@code airflow db migrate}, then the execution API server and the triggerer; each must succeed.
   */
  AirflowInstance start() {
    require("db", "migrate");
    String port = environment.get("AIRFLOW__API__PORT");
    List<String> command =
        List.of(
            venv.airflow().toString(),
            "api-server",
            "--apps",
            "execution",
            "--workers",
            "1",
            "-H",
            "127.0.0.1",
            "-p",
            port);
    URI health = URI.create("http://127.0.0.1:" + port + "/execution/health");
    apiServer =
        HubProcess.command("airflow-api-server", command, environment, health)
            .readinessTimeout(Duration.ofMinutes(2))
            .start();
    startTriggerer();
    return this;
  }

  /**
   * {@code airflow triggerer}, ready once Airflow itself reports a live TriggererJob ({@code
   * airflow jobs check}, what the cluster's liveness probe asks). It serves no logs (the tests read
   * them from the files and from Loki), so it opens no port.
   */
  private void startTriggerer() {
    Path log = AirflowCommands.newLog("triggerer");
    ProcessBuilder builder =
        new ProcessBuilder(venv.airflow().toString(), "triggerer", "--skip-serve-logs")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("AIRFLOW") || key.equals("LOKI_URL"));
    builder.environment().putAll(environment);
    try {
      triggerer = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start airflow triggerer", e);
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      assertThat(triggerer.isAlive()).as("airflow triggerer exited; its log %s", log).isTrue();
      if (airflow("jobs", "check", "--job-type", "TriggererJob").exitCode() == 0) {
        return;
      }
      assertThat(System.nanoTime())
          .as("no live TriggererJob within 3 minutes; its log %s", log)
          .isLessThan(deadline);
    }
  }

  /**
   * The state of a task instance, as {@code airflow tasks state} prints it (its last line):
   * "deferred", "success"...
   */
  String taskState(String dagId, String taskId, String runId) {
    List<String> lines = require("tasks", "state", dagId, taskId, runId).output().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
  }

  /** {@code airflow <arguments>}; fails the test, with the output, when it does not exit 0. */
  AirflowCommands.Result require(String... arguments) {
    AirflowCommands.Result result = airflow(arguments);
    assertThat(result.exitCode())
        .as("airflow %s:\n%s", String.join(" ", arguments), result.output())
        .isZero();
    return result;
  }

  AirflowCommands.Result airflow(String... arguments) {
    List<String> command = new ArrayList<>(List.of(venv.airflow().toString()));
    command.addAll(List.of(arguments));
    return AirflowCommands.run(home, environment, COMMAND, command);
  }

  /** The run ids of a DAG, as {@code airflow dags list-runs} reports them. */
  List<String> runIds(String dagId) {
    String output = require("dags", "list-runs", dagId, "-o", "json").output();
    // Warnings share stdout with the JSON; the JSON is the line that starts with '['.
    String json = output.lines().filter(line -> line.startsWith("[")).findFirst().orElse("[]");
    try {
      List<String> ids = new ArrayList<>();
      for (JsonNode run : JSON.readTree(json)) {
        ids.add(run.get("run_id").asText());
      }
      return ids;
    } catch (IOException e) {
      throw new AssertionError("no JSON in the output of airflow dags list-runs:\n" + output, e);
    }
  }

  @Override
  public void close() {
    if (triggerer != null) {
      stop(triggerer);
    }
    if (apiServer != null) {
      apiServer.stop();
    }
    try (Stream<Path> paths = Files.walk(home)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SIGTERM to the process and its children (the trigger runner), SIGKILL to what is left after 30
   * s.
   */
  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
  }
}
