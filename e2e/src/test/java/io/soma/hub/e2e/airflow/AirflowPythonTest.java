package io.soma.hub.e2e.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.e2e.support.HubJars;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Python tests of airflow/ (pytest, in the Airflow virtualenv): the hub hook's retries,
 * backoff, idempotency key and tokens, the Loki shipper and logging config, and the DAG folder
 * loading without import errors. Run from here so that {@code ./hub test} runs them and fails when
 * they fail. Their AIRFLOW_HOME is a temporary one (tests/conftest.py).
 */
class AirflowPythonTest {

  @Test
  void thePytestSuiteOfTheAirflowFolderPasses() {
    AirflowVenv venv = AirflowVenv.locate();
    AirflowCommands.Result result =
        AirflowCommands.run(
            HubJars.root().resolve("airflow"),
            Map.of("PYTHONDONTWRITEBYTECODE", "1"),
            Duration.ofMinutes(10),
            List.of(venv.python().toString(), "-m", "pytest", "-q"));
    assertThat(result.exitCode()).as("pytest in airflow/:\n%s", result.output()).isZero();
    assertThat(result.output()).containsPattern("\\d+ passed");
  }
}
