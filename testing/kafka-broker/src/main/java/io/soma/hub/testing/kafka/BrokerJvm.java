package io.soma.hub.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Java processes on the broker's jars ({@code testing/kafka-broker/target/broker-lib}, copied there
 * by this module's build), run with the JDK of the calling JVM. Kafka never comes onto the caller's
 * classpath.
 */
final class BrokerJvm {

  /** Overrides where the broker's jars are, for a caller outside this repository's layout. */
  static final String LIB_PROPERTY = "kafka.broker.lib";

  private static final String LIB_IN_REPOSITORY = "testing/kafka-broker/target/broker-lib";

  private final Path lib;
  private final Path log4jConfig;

  BrokerJvm(Path log4jConfig) {
    this.lib = brokerLib();
    this.log4jConfig = log4jConfig;
  }

  /** A process builder for {@code java <options> -cp broker-lib/* <mainClass> <args>}. */
  ProcessBuilder command(
      List<String> jvmOptions, String mainClass, String logLevel, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dlog4j2.configurationFile=" + log4jConfig.toUri());
    command.add("-Dhub.kafka.log.level=" + logLevel);
    command.add("-cp");
    command.add(lib.resolve("*").toString());
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /**
   * Runs a Kafka command-line tool to its end; fails with its output when it fails or takes over
   * the limit.
   */
  String runTool(Path workDir, Duration limit, String mainClass, String... args) {
    try {
      Path output = Files.createTempFile(workDir, "tool-", ".log");
      // Tools are short: C1 only and a small heap start them sooner.
      Process tool =
          command(
                  List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                  mainClass,
                  "WARN",
                  args)
              .redirectOutput(output.toFile())
              .start();
      boolean ended = tool.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        tool.destroyForcibly().waitFor();
      }
      String text = Files.readString(output);
      if (!ended || tool.exitValue() != 0) {
        throw new IllegalStateException(
            mainClass
                + " "
                + String.join(" ", args)
                + (ended ? " exited with " + tool.exitValue() : " did not end within " + limit)
                + ":\n"
                + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + mainClass, e);
    }
  }

  /**
   * The system property if set, else the first {@code testing/kafka-broker/target/broker-lib} up
   * from here.
   */
  private static Path brokerLib() {
    String configured = System.getProperty(LIB_PROPERTY);
    if (configured != null) {
      return requireJars(Path.of(configured));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path lib = dir.resolve(LIB_IN_REPOSITORY);
      if (Files.isDirectory(lib)) {
        return requireJars(lib);
      }
    }
    throw new IllegalStateException(
        "no "
            + LIB_IN_REPOSITORY
            + " in "
            + Path.of("").toAbsolutePath()
            + " or above: build the module first (./mvnw -pl testing/kafka-broker process-resources, or -am with the"
            + " module that uses it), or set -D"
            + LIB_PROPERTY
            + "=<dir with the broker's jars>");
  }

  private static Path requireJars(Path lib) {
    try (var jars = Files.list(lib)) {
      if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"))) {
        throw new IllegalStateException(
            lib + " holds no kafka_2.13 jar: rebuild testing/kafka-broker");
      }
      return lib;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
