package io.soma.hub.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The analytics job as its own process: the shaded job jar (flink/target/soma-flink-job.jar) on the
 * Flink runtime a cluster would give it (e2e/fixtures/flink-runtime/target/lib), run on a local
 * MiniCluster by {@code EventCountJob.main} or, with Flink's metrics reporter, by Flink's command
 * line. No readiness to wait for: the job starts from the earliest offsets, so it counts what was
 * published before it was up.
 */
public final class FlinkEventCountJob implements AutoCloseable {

  static final String JOB_JAR = "flink/target/soma-flink-job.jar";
  static final String RUNTIME = "e2e/fixtures/flink-runtime/target/lib";
  private static final String MAIN = "io.soma.hub.flink.job.EventCountJob";
  private static final String SHIPPED_CONFIG = "flink/manifests/flink-conf/config.yaml";

  private final Process process;
  private final Path log;
  private final List<Path> temporary;

  private FlinkEventCountJob(Process process, Path log, List<Path> temporary) {
    this.process = process;
    this.log = log;
    this.temporary = temporary;
  }

  /**
   * Starts the job with these options (see the flink module's JobSettings); skips the test when it
   * is not built.
   */
  public static FlinkEventCountJob start(List<String> options) {
    Path jar = HubJars.root().resolve(JOB_JAR);
    List<String> command =
        new ArrayList<>(List.of("-cp", jar + File.pathSeparator + runtimeClasspath(), MAIN));
    command.addAll(options);
    return launch(command, Map.of(), List.of());
  }

  /**
   * Starts the job as {@code flink run} does on a cluster, through Flink's command line on a local
   * MiniCluster, with the shipped Prometheus reporter configuration (the {@code metrics.*} keys of
   * flink/manifests/flink-conf/config.yaml) serving {@code /metrics} on the given port: the job
   * manager's and task manager's metrics, checkpoints and the Kafka source's included.
   */
  public static FlinkEventCountJob startReportingTo(int metricsPort, List<String> options) {
    Path configuration = flinkConfiguration(metricsPort);
    List<String> command =
        new ArrayList<>(
            List.of(
                // What Flink's own launch scripts open: the DataStream translators reflect into
                // java.util.
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                // The job jar is the CLI's argument, loaded by the user class loader, not on the
                // runtime's class path.
                "-cp",
                runtimeClasspath(),
                "org.apache.flink.client.cli.CliFrontend",
                "run",
                "--target",
                "local",
                "--class",
                MAIN,
                HubJars.root().resolve(JOB_JAR).toString()));
    command.addAll(options);
    return launch(
        command, Map.of("FLINK_CONF_DIR", configuration.toString()), List.of(configuration));
  }

  private static FlinkEventCountJob launch(
      List<String> arguments, Map<String, String> environment, List<Path> temporary) {
    Path jar = HubJars.root().resolve(JOB_JAR);
    Path runtime = HubJars.root().resolve(RUNTIME);
    Assumptions.assumeTrue(
        Files.isRegularFile(jar) && Files.isDirectory(runtime),
        () ->
            JOB_JAR
                + " or "
                + RUNTIME
                + " is not built (./mvnw -pl flink,e2e/fixtures/flink-runtime package)");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx768m", "-Dorg.apache.logging.log4j.level=WARN"));
    command.addAll(arguments);
    Path log = ChildProcesses.newLog("flink-job");
    return new FlinkEventCountJob(
        ChildProcesses.start("flink-job", command, environment, log), log, temporary);
  }

  private static String runtimeClasspath() {
    return HubJars.root().resolve(RUNTIME) + File.separator + "*";
  }

  /** A Flink configuration directory holding the shipped reporter settings, the port replaced. */
  private static Path flinkConfiguration(int metricsPort) {
    try {
      JsonNode shipped = new YAMLMapper().readTree(HubJars.root().resolve(SHIPPED_CONFIG).toFile());
      StringBuilder yaml = new StringBuilder();
      shipped
          .fields()
          .forEachRemaining(
              entry -> {
                if (entry.getKey().startsWith("metrics.")) {
                  String value =
                      entry.getKey().endsWith(".port")
                          ? Integer.toString(metricsPort)
                          : entry.getValue().asText();
                  yaml.append(entry.getKey()).append(": \"").append(value).append("\"\n");
                }
              });
      Path directory = Files.createTempDirectory("flink-conf");
      Files.writeString(directory.resolve("config.yaml"), yaml);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String logTail(int lines) {
    return ChildProcesses.tail(log, lines);
  }

  @Override
  public void close() {
    ChildProcesses.terminate(process, Duration.ofSeconds(20));
    temporary.forEach(Directories::deleteRecursively);
  }
}
