package io.soma.hub.e2e.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The analytics job as its own process: the shaded job jar (flink/target/soma-flink-job.jar) on the Flink runtime
 * a cluster would give it (e2e/fixtures/flink-runtime/target/lib), run by {@code EventCountJob.main} on a local
 * MiniCluster. No readiness to wait for: the job starts from the earliest offsets, so it counts what was published
 * before it was up.
 */
public final class FlinkEventCountJob implements AutoCloseable {

  static final String JOB_JAR = "flink/target/soma-flink-job.jar";
  static final String RUNTIME = "e2e/fixtures/flink-runtime/target/lib";
  private static final String MAIN = "io.soma.hub.flink.job.EventCountJob";

  private final Process process;
  private final Path log;

  private FlinkEventCountJob(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the job with these options (see the flink module's JobSettings); skips the test when it is not built. */
  public static FlinkEventCountJob start(List<String> options) {
    Path jar = HubJars.root().resolve(JOB_JAR);
    Path runtime = HubJars.root().resolve(RUNTIME);
    Assumptions.assumeTrue(Files.isRegularFile(jar) && Files.isDirectory(runtime),
        () -> JOB_JAR + " or " + RUNTIME + " is not built (./mvnw -pl flink,e2e/fixtures/flink-runtime package)");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx768m", "-Dorg.apache.logging.log4j.level=WARN"));
    command.addAll(List.of("-cp", jar + File.pathSeparator + runtime + File.separator + "*", MAIN));
    command.addAll(options);
    Path log = ChildProcesses.newLog("flink-job");
    return new FlinkEventCountJob(ChildProcesses.start("flink-job", command, Map.of(), log), log);
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
  }
}
