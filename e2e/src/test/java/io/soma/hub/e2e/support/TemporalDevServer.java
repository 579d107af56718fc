package io.soma.hub.e2e.support;

import io.soma.hub.orchestration.HubSearchAttributes;
import io.soma.hub.orchestration.connection.TemporalTls;
import io.soma.hub.testing.cluster.Ports;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code temporal server start-dev} of the Temporal CLI on free loopback ports, persisted in a
 * SQLite file so that it can be stopped, killed and started again with its workflows intact. Its
 * default namespace has the hub's search attributes ({@link HubSearchAttributes}), without which it
 * would refuse the gateway's session starts.
 */
public final class TemporalDevServer implements HubTemporal {

  public static final String NAMESPACE = "default";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final Path cli;
  private final Path directory;
  private final int port;
  private final int httpPort;
  private final int metricsPort;
  private final Path log;
  private Process process;

  private TemporalDevServer(Path cli, Path directory) {
    this.cli = cli;
    this.directory = directory;
    this.port = Ports.free();
    this.httpPort = Ports.free();
    this.metricsPort = Ports.free();
    this.log = ChildProcesses.newLog("temporal");
  }

  /** A new server with an empty database in a temporary directory, started and ready. */
  public static TemporalDevServer start() {
    try {
      TemporalDevServer server =
          new TemporalDevServer(
              LocalTools.temporalCli(), Files.createTempDirectory("hub-temporal"));
      server.startAgain();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  /** Plaintext, as the hub's local default. */
  @Override
  public TemporalTls clientTls() {
    return TemporalTls.OFF;
  }

  public int port() {
    return port;
  }

  /** The Prometheus endpoint of the server itself. */
  public String metricsUrl() {
    return "http://127.0.0.1:" + metricsPort + "/metrics";
  }

  public Path databaseFile() {
    return directory.resolve("temporal.db");
  }

  /**
   * Starts the server on the same ports and database and waits until the default namespace answers.
   */
  public synchronized void startAgain() {
    if (isAlive()) {
      throw new IllegalStateException("the Temporal dev server is already running");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--http-port",
                Integer.toString(httpPort),
                "--metrics-port",
                Integer.toString(metricsPort),
                "--db-filename",
                databaseFile().toString(),
                "--log-level",
                "warn"));
    // start-dev puts them into the namespace it creates in a new database (a restart finds them
    // there).
    HubSearchAttributes.all()
        .forEach(
            (name, type) ->
                command.addAll(List.of("--search-attribute", name + "=" + cliType(type))));
    process = ChildProcesses.start("temporal", command, Map.of(), log);
    try {
      awaitNamespace(NAMESPACE);
    } catch (RuntimeException | AssertionError e) {
      ChildProcesses.kill(process);
      throw e;
    }
  }

  /** SIGTERM and wait. */
  public synchronized void stop() {
    ChildProcesses.terminate(process, STOP_GRACE);
  }

  /** SIGKILL: SQLite keeps what was committed. */
  public synchronized void kill9() {
    ChildProcesses.kill(process);
  }

  public synchronized void restart() {
    stop();
    startAgain();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Runs the temporal CLI against this server, e.g. {@code cli("operator", "namespace", "list")}.
   */
  public Commands.Result cli(String... arguments) {
    List<String> command = new ArrayList<>(List.of(cli.toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--address", address(), "--command-timeout", "5s"));
    return Commands.run(directory, Duration.ofSeconds(30), command);
  }

  public boolean namespaceExists(String namespace) {
    return cli("operator", "namespace", "describe", "--namespace", namespace).ok();
  }

  public void createNamespace(String namespace) {
    Commands.Result result = cli("operator", "namespace", "create", "--namespace", namespace);
    if (!result.ok()) {
      throw new IllegalStateException(
          "cannot create namespace " + namespace + ":\n" + result.output());
    }
  }

  /**
   * A search attribute type as the CLI's flags take it: Keyword, KeywordList and so on, in any
   * case, so the enum's name without its prefix and underscores.
   */
  static String cliType(IndexedValueType type) {
    return type.name().substring("INDEXED_VALUE_TYPE_".length()).replace("_", "");
  }

  public String logTail(int lines) {
    return ChildProcesses.tail(log, lines);
  }

  @Override
  public void close() {
    stop();
    Directories.deleteRecursively(directory);
  }

  private void awaitNamespace(String namespace) {
    ChildProcesses.await(
        process,
        log,
        "the Temporal dev server",
        "namespace " + namespace,
        READY_TIMEOUT,
        Duration.ofMillis(200),
        () -> namespaceExists(namespace));
  }
}
