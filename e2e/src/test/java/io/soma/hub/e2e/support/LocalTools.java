package io.soma.hub.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external tools the harness runs. Under {@code ./hub test} (HUB_E2E_REQUIRE_TOOLS=true)
 * a missing tool fails the test, since the hub installed it; in a bare {@code mvn} run the test is
 * skipped instead.
 */
public final class LocalTools {

  /** Far above the install's minutes from empty caches on a loaded machine. */
  private static final Duration PYTHON_TOOLS_INSTALL = Duration.ofMinutes(20);

  private LocalTools() {}

  public static Path temporalCli() {
    return fromEnvironment("HUB_TEMPORAL_CLI")
        .or(
            () ->
                executable(
                    Path.of(System.getProperty("user.home"), ".cache/soma-hub/venv/bin/temporal")))
        .or(() -> onPath("temporal"))
        .orElseGet(
            () -> missing("the temporal CLI (./hub install puts it in ~/.cache/soma-hub/venv)"));
  }

  /**
   * Schemathesis, the API fuzzer (./hub install puts it into the tools virtualenv beside the
   * temporal CLI).
   */
  public static Path schemathesis() {
    awaitPythonTools();
    return fromEnvironment("HUB_SCHEMATHESIS")
        .or(
            () ->
                executable(
                    Path.of(
                        System.getProperty("user.home"), ".cache/soma-hub/venv/bin/schemathesis")))
        .or(() -> onPath("schemathesis"))
        .orElseGet(() -> missing("Schemathesis (./hub install puts it in ~/.cache/soma-hub/venv)"));
  }

  /**
   * Waits for ./hub test's background install of the Python tools only e2e runs (Schemathesis,
   * Airflow), when there is one: HUB_PYTHON_TOOLS_DONE names the file it writes its exit status to
   * when it ends.
   */
  public static void awaitPythonTools() {
    Optional<Path> done = fromEnvironment("HUB_PYTHON_TOOLS_DONE");
    if (done.isEmpty()) {
      return;
    }
    String log = "its log is .hub/logs/python-tools.log";
    try {
      Awaitility.await()
          .atMost(PYTHON_TOOLS_INSTALL)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> Files.exists(done.get()));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the background install of Schemathesis and Airflow did not end in "
              + PYTHON_TOOLS_INSTALL
              + "; "
              + log,
          e);
    }
    String status;
    try {
      status = Files.readString(done.get()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!status.equals("0")) {
      throw new AssertionError(
          "the background install of Schemathesis and Airflow failed (exit "
              + status
              + "); "
              + log);
    }
  }

  /** The directory holding initdb, pg_ctl and psql. */
  public static Path postgresBin() {
    return fromEnvironment("HUB_PG_BIN")
        .or(() -> onPath("initdb").map(initdb -> realPath(initdb).getParent()))
        .or(LocalTools::debianPostgres)
        .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
        .orElseGet(() -> missing("PostgreSQL's initdb and pg_ctl (./hub install adds them)"));
  }

  /** The directory holding Debian's prometheus and promtool. */
  public static Path prometheusDir() {
    return fromEnvironment("HUB_PROMETHEUS_DIR")
        .or(() -> onPath("prometheus").map(prometheus -> realPath(prometheus).getParent()))
        .filter(
            dir ->
                Files.isExecutable(dir.resolve("prometheus"))
                    && Files.isExecutable(dir.resolve("promtool")))
        .orElseGet(
            () -> missing("prometheus and promtool (./hub install adds Debian's prometheus)"));
  }

  /**
   * The folder holding temporal-server and temporal-sql-tool, built from source by
   * tools/temporal-server/build (cached in ~/.cache/soma-hub/temporal-server). Under ./hub test
   * this waits for its background build, or builds; a bare mvn run uses the binaries when they are
   * built and skips otherwise.
   */
  public static Path temporalServerBin() {
    return builtFromSource(
        "temporal-server", "HUB_TEMPORAL_SERVER_BIN", "temporal-server", "temporal-sql-tool");
  }

  /**
   * The folder holding jaeger (Jaeger v2), built from source by tools/jaeger/build, as for the
   * Temporal server.
   */
  public static Path jaegerBin() {
    return builtFromSource("jaeger", "HUB_JAEGER_BIN", "jaeger");
  }

  /**
   * The folder of a tool that tools/NAME/build makes and prints: the one {@code variable} names,
   * else the build's, which ./hub test may still be running in the background (the script then
   * waits for it).
   */
  private static Path builtFromSource(String tool, String variable, String... binaries) {
    Optional<Path> given = fromEnvironment(variable);
    if (given.isPresent()) {
      return given
          .filter(bin -> holds(bin, binaries))
          .orElseGet(
              () ->
                  missing(String.join(" and ", binaries) + " in " + variable + "=" + given.get()));
    }
    boolean build = Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"));
    String script = HubJars.root().resolve("tools/" + tool + "/build").toString();
    List<String> command = build ? List.of("bash", script) : List.of("bash", script, "--if-built");
    Commands.Result result = Commands.run(null, Duration.ofMinutes(30), command);
    String[] lines = result.output().strip().split("\n");
    Path bin = Path.of(lines[lines.length - 1]);
    if (result.ok() && holds(bin, binaries)) {
      return bin;
    }
    if (build) {
      throw new AssertionError(
          "tools/" + tool + "/build failed with " + result.exitCode() + ":\n" + result.output());
    }
    return missing(tool + " built from source (tools/" + tool + "/build, which ./hub test runs)");
  }

  private static boolean holds(Path bin, String... binaries) {
    return Arrays.stream(binaries).allMatch(binary -> Files.isExecutable(bin.resolve(binary)));
  }

  private static Optional<Path> fromEnvironment(String variable) {
    return Optional.ofNullable(System.getenv(variable))
        .filter(value -> !value.isBlank())
        .map(Path::of);
  }

  private static Optional<Path> executable(Path path) {
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  private static Optional<Path> onPath(String name) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Optional<Path> debianPostgres() {
    Path versions = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(versions)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(versions)) {
      return children
          .filter(version -> version.getFileName().toString().matches("\\d+"))
          .max(
              Comparator.comparingInt(
                  version -> Integer.parseInt(version.getFileName().toString())))
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path missing(String what) {
    String message = "missing " + what;
    if (Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
