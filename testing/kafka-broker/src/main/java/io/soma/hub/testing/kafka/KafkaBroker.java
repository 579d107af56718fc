package io.soma.hub.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker for tests: broker and controller in one KRaft node, in its own JVM
 * process (so its Scala, logging and Kafka jars never meet the test's classpath), on a free
 * loopback port, with its data in a temporary directory that {@link #close()} deletes. Topics are
 * not created automatically: create each with {@link #createTopic}. Configured for transactions on
 * one node (exactly-once producers and read_committed consumers work).
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *   kafka.createTopic("soma.events", 2);
 *   ... bootstrap.servers = kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
  private static final Duration TOOL_LIMIT = Duration.ofSeconds(60);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 80;

  private final Path workDir;
  private final Path logFile;
  private final BrokerJvm jvm;
  private final Process process;
  private final int[] ports;
  private final Thread stopOnExit;

  /** {@code ports}: plaintext, controller, and with secure listeners SSL and SASL_SSL. */
  private KafkaBroker(Path workDir, Path logFile, BrokerJvm jvm, Process process, int[] ports) {
    this.workDir = workDir;
    this.logFile = logFile;
    this.jvm = jvm;
    this.process = process;
    this.ports = ports;
    // A test JVM that ends without close() must leave neither a broker nor its data behind on the
    // machine.
    this.stopOnExit =
        new Thread(
            () -> {
              process.destroyForcibly();
              try {
                process.waitFor(10, TimeUnit.SECONDS);
                deleteRecursively(workDir);
              } catch (InterruptedException | RuntimeException e) {
                // Exiting anyway; the temporary directory is all that may stay.
              }
            },
            "kafka-broker-stop-on-exit");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Formats fresh storage and starts the broker; returns once it answers metadata requests as a
   * live broker. Fails with the tail of the broker's log if it does not within 60 s.
   */
  public static KafkaBroker start() {
    return start(null);
  }

  /**
   * The same, with the TLS listeners of {@code secure} beside the plaintext one (none when it is
   * null).
   */
  public static KafkaBroker start(SecureListeners secure) {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(secure);
      } catch (PortTakenException e) {
        // Another process took a port between choosing it and the broker binding it: choose again.
        if (attempt == START_ATTEMPTS) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + ports[0];
  }

  /** {@code 127.0.0.1:<port>} of the SSL listener, which requires a client certificate. */
  public String sslBootstrapServers() {
    return HOST + ":" + securePort(2);
  }

  /** {@code 127.0.0.1:<port>} of the SASL_SSL listener (SCRAM-SHA-512). */
  public String saslSslBootstrapServers() {
    return HOST + ":" + securePort(3);
  }

  /**
   * Creates a topic with this many partitions (one replica), with Kafka's own kafka-topics tool.
   */
  public void createTopic(String name, int partitions) {
    jvm.runTool(
        workDir,
        TOOL_LIMIT,
        "org.apache.kafka.tools.TopicCommand",
        "--bootstrap-server",
        bootstrapServers(),
        "--create",
        "--topic",
        name,
        "--partitions",
        Integer.toString(partitions),
        "--replication-factor",
        "1");
  }

  /** The broker's log (standard output and error of its process); kept after {@link #close()}. */
  public Path logFile() {
    return logFile;
  }

  /** Stops the broker (a clean shutdown, forced after 30 s) and deletes its data. */
  @Override
  public void close() {
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException alreadyExiting) {
      // The hook runs anyway.
    }
    deleteRecursively(workDir);
  }

  private int securePort(int index) {
    if (ports.length <= index) {
      throw new IllegalStateException(
          "this broker has no TLS listeners: start it with KafkaBroker.start(secure)");
    }
    return ports[index];
  }

  private static KafkaBroker startOnce(SecureListeners secure) throws IOException {
    Path workDir = Files.createTempDirectory("kafka-broker-");
    Path dataDir = Files.createDirectory(workDir.resolve("data"));
    int[] ports = freePorts(secure == null ? 2 : 4);
    Path logFile = logDir(workDir).resolve("kafka-broker-" + ports[0] + ".log");
    BrokerJvm jvm = new BrokerJvm(BrokerConfig.writeLog4jConfig(workDir));
    Path serverProperties = BrokerConfig.writeServerProperties(workDir, dataDir, ports, secure);
    List<String> format =
        new ArrayList<>(
            List.of(
                "format", "--cluster-id", clusterId(), "--config", serverProperties.toString()));
    if (secure != null) {
      // SCRAM credentials live in the cluster metadata, so KRaft takes them when the storage is
      // formatted.
      format.addAll(
          List.of(
              "--add-scram",
              "SCRAM-SHA-512=[name="
                  + secure.saslUser()
                  + ",password="
                  + secure.saslPassword()
                  + "]"));
    }
    Process process = null;
    try {
      jvm.runTool(workDir, TOOL_LIMIT, "kafka.tools.StorageTool", format.toArray(String[]::new));
      process =
          jvm.command(
                  List.of("-Xmx512m", "-Djava.awt.headless=true"),
                  "kafka.Kafka",
                  "INFO",
                  serverProperties.toString())
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      awaitReady(process, ports[0], logFile);
      return new KafkaBroker(workDir, logFile, jvm, process, ports);
    } catch (RuntimeException | IOException e) {
      if (process != null) {
        stop(process);
      }
      deleteRecursively(workDir);
      throw e;
    }
  }

  private static void awaitReady(Process process, int port, Path logFile) throws IOException {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (!MetadataProbe.answers(HOST, port)) {
      if (!process.isAlive()) {
        String tail = tail(logFile);
        if (tail.contains("Address already in use")) {
          throw new PortTakenException("the Kafka broker could not bind its ports:\n" + tail);
        }
        throw new IllegalStateException(
            "the Kafka broker exited with "
                + process.exitValue()
                + " while starting; log "
                + logFile
                + ":\n"
                + tail);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the Kafka broker did not answer metadata requests on "
                + HOST
                + ":"
                + port
                + " within "
                + STARTUP_LIMIT.toSeconds()
                + " s; log "
                + logFile
                + ":\n"
                + tail(logFile));
      }
      sleep(Duration.ofMillis(200));
    }
  }

  private static void stop(Process process) {
    process.destroy(); // SIGTERM: Kafka's controlled shutdown
    try {
      if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Free loopback ports, all held open together so that they differ, then released for the broker.
   */
  private static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  /**
   * A Kafka cluster id: 16 random bytes in URL-safe Base64 without padding, not starting with '-'.
   */
  private static String clusterId() {
    while (true) {
      UUID uuid = UUID.randomUUID();
      byte[] bytes =
          ByteBuffer.allocate(16)
              .putLong(uuid.getMostSignificantBits())
              .putLong(uuid.getLeastSignificantBits())
              .array();
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  /**
   * The calling module's target/ when there is one (the log outlives the broker there), else the
   * work dir.
   */
  private static Path logDir(Path workDir) throws IOException {
    Path target = Path.of("target");
    return Files.isDirectory(target)
        ? Files.createDirectories(target.resolve("kafka-broker-logs"))
        : workDir;
  }

  private static String tail(Path logFile) {
    try {
      // Leniently decoded: the broker may be in the middle of writing a character.
      List<String> lines =
          Files.exists(logFile)
              ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList()
              : List.of();
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the broker's data in " + dir, e);
    }
  }

  /** The broker exited because a chosen port was taken meanwhile. */
  private static final class PortTakenException extends RuntimeException {
    PortTakenException(String message) {
      super(message);
    }
  }
}
