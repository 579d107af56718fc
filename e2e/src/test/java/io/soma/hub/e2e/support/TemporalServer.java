package io.soma.hub.e2e.support;

import io.soma.hub.e2e.support.TemporalServerConfig.FrontendTls;
import io.soma.hub.e2e.support.TemporalServerConfig.Listeners;
import io.soma.hub.orchestration.HubSearchAttributes;
import io.soma.hub.orchestration.connection.TemporalTls;
import io.soma.hub.testing.tls.IssuedCertificate;
import io.soma.hub.testing.tls.TestCertificateAuthority;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The real Temporal server (go.temporal.io/server, built from source by
 * tools/temporal-server/build) on its own PostgreSQL, every listener on 127.0.0.1 and a free port,
 * with the {@code default} namespace: as a production cluster runs it, in one process. With {@link
 * Security#MUTUAL_TLS} its frontend serves TLS and requires a client certificate from a certificate
 * authority made for it; {@link #clientTls()} is the hub's certificate. The namespace has the hub's
 * search attributes ({@link HubSearchAttributes}), without which it refuses the gateway's session
 * starts.
 */
public final class TemporalServer implements HubTemporal {

  public static final String NAMESPACE = "default";
  public static final int DEFAULT_HISTORY_SHARDS = 4;
  private static final String DATABASE_USER = "temporal";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  public enum Security {
    PLAINTEXT,
    /**
     * TLS on the frontend, which requires a client certificate signed by the server's authority.
     */
    MUTUAL_TLS
  }

  private final Path bin;
  private final Path cli;
  private final Path directory;
  private final PostgresServer postgres;
  private final String databasePassword = PostgresServer.randomPassword();
  private final Listeners ports = Listeners.free();
  private final TestCertificateAuthority authority;
  private final IssuedCertificate hubCertificate;
  private final Path log;
  private final int historyShards;
  private TemporalServerConfig config;
  private Process process;

  private TemporalServer(
      Path bin,
      Path cli,
      Path directory,
      PostgresServer postgres,
      Security security,
      int historyShards) {
    this.historyShards = historyShards;
    this.bin = bin;
    this.cli = cli;
    this.directory = directory;
    this.postgres = postgres;
    this.log = ChildProcesses.newLog("temporal-server");
    if (security == Security.MUTUAL_TLS) {
      this.authority = TestCertificateAuthority.create(directory.resolve("certificates"));
      this.hubCertificate = authority.issueClient("soma-hub");
    } else {
      this.authority = null;
      this.hubCertificate = null;
    }
  }

  /**
   * A server with empty databases and 4 history shards, started, with the default namespace ready
   * for workflows.
   */
  public static TemporalServer start(Security security) {
    return start(security, DEFAULT_HISTORY_SHARDS);
  }

  /**
   * The same with {@code historyShards} shards: the unit of the history service's parallelism (each
   * shard's updates are serialized), fixed for the cluster's life when its database is first used.
   */
  public static TemporalServer start(Security security, int historyShards) {
    Path bin = LocalTools.temporalServerBin();
    Path cli = LocalTools.temporalCli();
    Path directory;
    try {
      directory = Files.createTempDirectory("hub-temporal-server");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PostgresServer postgres = PostgresServer.start();
    TemporalServer server = null;
    try {
      server = new TemporalServer(bin, cli, directory, postgres, security, historyShards);
      server.createDatabases();
      server.writeConfig();
      server.startProcess();
      server.createDefaultNamespace();
      server.createSearchAttributes();
      return server;
    } catch (RuntimeException | AssertionError e) {
      if (server != null) {
        server.close();
      } else {
        postgres.close();
        Directories.deleteRecursively(directory);
      }
      throw e;
    }
  }

  @Override
  public String address() {
    return "127.0.0.1:" + ports.frontend();
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  /** The hub's client certificate, the authority and the frontend's name; plaintext without TLS. */
  @Override
  public TemporalTls clientTls() {
    if (authority == null) {
      return TemporalTls.OFF;
    }
    return new TemporalTls(
        true,
        authority.certificate().toString(),
        hubCertificate.certificate().toString(),
        hubCertificate.privateKey().toString(),
        "localhost");
  }

  /**
   * The authority the frontend's certificate comes from and whose client certificates it accepts.
   */
  public TestCertificateAuthority authority() {
    if (authority == null) {
      throw new IllegalStateException("this Temporal server runs without TLS");
    }
    return authority;
  }

  /**
   * Runs the temporal CLI against this server with the hub's certificate, e.g. {@code
   * cli("workflow", "list")}.
   */
  public Commands.Result cli(String... arguments) {
    List<String> command = new ArrayList<>(List.of(cli.toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--address", address(), "--command-timeout", "5s"));
    if (authority != null) {
      command.addAll(
          List.of(
              "--tls-ca-path", authority.certificate().toString(),
              "--tls-cert-path", hubCertificate.certificate().toString(),
              "--tls-key-path", hubCertificate.privateKey().toString(),
              "--tls-server-name", "localhost"));
    }
    return Commands.run(directory, Duration.ofSeconds(30), command);
  }

  /**
   * Stops the server (SIGTERM, as a rolling restart does) and starts it again on the same database
   * and ports; its workflows go on where they were.
   */
  @Override
  public synchronized void restart() {
    ChildProcesses.terminate(process, STOP_GRACE);
    startProcess();
    await(
        "namespace " + NAMESPACE,
        () -> cli("workflow", "list", "--namespace", NAMESPACE, "--limit", "1").ok());
  }

  public String logTail(int lines) {
    return ChildProcesses.tail(log, lines);
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGTERM and wait, then the database goes with the rest. */
  @Override
  public void close() {
    ChildProcesses.terminate(process, STOP_GRACE);
    postgres.close();
    Directories.deleteRecursively(directory);
  }

  /**
   * A role that may create databases, then the sql tool's databases and schemas (embedded in the
   * tool).
   */
  private void createDatabases() {
    postgres.runAsSuperuser(
        "postgres",
        "CREATE ROLE " + DATABASE_USER + " LOGIN CREATEDB PASSWORD '" + databasePassword + "'");
    for (String store : List.of("temporal", "visibility")) {
      String database = store.equals("temporal") ? "temporal" : "temporal_visibility";
      sqlTool(database, "create-database");
      sqlTool(database, "setup-schema", "-v", "0.0");
      sqlTool(database, "update-schema", "--schema-name", "postgresql/v12/" + store);
    }
  }

  private void sqlTool(String database, String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                bin.resolve("temporal-sql-tool").toString(),
                "--plugin",
                "postgres12",
                "--ep",
                "127.0.0.1",
                "--port",
                Integer.toString(postgres.port()),
                "--user",
                DATABASE_USER,
                "--password",
                databasePassword,
                "--db",
                database));
    command.addAll(List.of(arguments));
    Commands.require(directory, COMMAND_TIMEOUT, command);
  }

  /**
   * The dynamic config file (nothing to override; the server only needs it to exist) and the
   * template's values.
   */
  private void writeConfig() {
    Path dynamicConfig = directory.resolve("dynamicconfig.yaml");
    FrontendTls tls =
        authority == null
            ? null
            : new FrontendTls(
                authority.certificate(),
                authority.issueServer("frontend", TestCertificateAuthority.LOOPBACK),
                authority.issueClient("temporal-system-worker"));
    config =
        new TemporalServerConfig(
            ports,
            postgres.port(),
            DATABASE_USER,
            databasePassword,
            dynamicConfig,
            tls,
            historyShards);
    try {
      Files.writeString(dynamicConfig, "{}\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startProcess() {
    List<String> command =
        List.of(
            bin.resolve("temporal-server").toString(),
            "--config-file",
            TemporalServerConfig.TEMPLATE.toString(),
            "--allow-no-auth",
            "start");
    process = ChildProcesses.start("temporal-server", command, config.environment(), log);
    await(
        "the frontend answering SERVING",
        () -> cli("operator", "cluster", "health").output().contains("SERVING"));
  }

  /**
   * The server makes no namespace by itself. A new namespace reaches every service's namespace
   * cache within its refresh interval (2 s), so it is ready once a workflow list, which needs it,
   * answers.
   */
  private void createDefaultNamespace() {
    Commands.Result created =
        cli("operator", "namespace", "create", "--namespace", NAMESPACE, "--retention", "24h");
    if (!created.ok()) {
      throw new IllegalStateException(
          "cannot create namespace " + NAMESPACE + ":\n" + created.output());
    }
    await(
        "namespace " + NAMESPACE,
        () -> cli("workflow", "list", "--namespace", NAMESPACE, "--limit", "1").ok());
  }

  /**
   * One create per attribute, since the CLI takes one type per call; it succeeds when the attribute
   * exists with that type. They reach the frontend's namespace cache within its refresh interval (2
   * s), and until then it refuses a start that carries them: they are ready once a visibility query
   * that names them answers.
   */
  private void createSearchAttributes() {
    Map<String, IndexedValueType> attributes = HubSearchAttributes.all();
    attributes.forEach(
        (name, type) -> {
          Commands.Result created =
              cli(
                  "operator",
                  "search-attribute",
                  "create",
                  "--namespace",
                  NAMESPACE,
                  "--name",
                  name,
                  "--type",
                  TemporalDevServer.cliType(type));
          if (!created.ok()) {
            throw new IllegalStateException(
                "cannot create search attribute " + name + ":\n" + created.output());
          }
        });
    String query =
        attributes.keySet().stream()
            .map(name -> name + " IS NULL")
            .collect(Collectors.joining(" OR "));
    await(
        "search attributes " + attributes.keySet(),
        () ->
            cli("workflow", "list", "--namespace", NAMESPACE, "--limit", "1", "--query", query)
                .ok());
  }

  private void await(String what, BooleanSupplier ready) {
    ChildProcesses.await(
        process, log, "the Temporal server", what, READY_TIMEOUT, Duration.ofMillis(250), ready);
  }
}
