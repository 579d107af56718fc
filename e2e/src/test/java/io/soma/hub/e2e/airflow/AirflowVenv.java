package io.soma.hub.e2e.airflow;

import io.soma.hub.e2e.support.LocalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The virtualenv {@code ./hub test} installs Airflow into (HUB_AIRFLOW_VENV, else
 * ~/.cache/soma-hub/airflow-venv). Under {@code ./hub test} (HUB_E2E_REQUIRE_TOOLS=true) a missing
 * one fails the test; in a bare Maven run it skips.
 */
record AirflowVenv(Path directory) {

  static AirflowVenv locate() {
    LocalTools.awaitPythonTools();
    Path venv =
        Optional.ofNullable(System.getenv("HUB_AIRFLOW_VENV"))
            .filter(value -> !value.isBlank())
            .map(Path::of)
            .orElseGet(
                () -> Path.of(System.getProperty("user.home"), ".cache/soma-hub/airflow-venv"));
    if (!Files.isExecutable(venv.resolve("bin/airflow"))) {
      String message = "no Airflow in " + venv + " (./hub install puts it there)";
      if (Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    return new AirflowVenv(venv);
  }

  Path airflow() {
    return directory.resolve("bin/airflow");
  }

  Path python() {
    return directory.resolve("bin/python");
  }
}
