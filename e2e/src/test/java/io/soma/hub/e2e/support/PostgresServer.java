package io.soma.hub.e2e.support;

import io.soma.hub.testing.cluster.Ports;
import io.soma.hub.testing.tls.IssuedCertificate;
import io.soma.hub.testing.tls.TestCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A throwaway PostgreSQL cluster: initdb into a temporary directory, listening on 127.0.0.1 and a
 * free port only, with a database {@code hub} owned by a password-authenticated role {@code hub},
 * as in a cluster deployment.
 *
 * <p>PostgreSQL refuses to run as root, so as root the cluster belongs to the {@code postgres} OS
 * user.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String DATABASE = "hub";
  public static final String USER = "hub";
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final Path bin;
  private final Path directory;
  private final int port;
  private final String password;
  private final Tls tls;

  /**
   * The client certificate and the PKCS#8 DER key the hub presents, when the server asks for one.
   */
  private IssuedCertificate hubCertificate;

  private Path hubKey;

  /**
   * TLS on the server ({@code ssl=on}) with a certificate of {@code authority}; TCP connections
   * without TLS are refused ({@code hostssl} only in pg_hba.conf).
   *
   * @param clientCertificates connections must also present a certificate of the authority ({@code
   *     clientcert=verify-ca}), besides the password
   */
  public record Tls(TestCertificateAuthority authority, boolean clientCertificates) {}

  private PostgresServer(Path bin, Path directory, Tls tls) {
    this.bin = bin;
    this.directory = directory;
    this.port = Ports.free();
    this.password = randomPassword();
    this.tls = tls;
  }

  /** Plaintext, password authentication. */
  public static PostgresServer start() {
    return start(null);
  }

  /** With {@code tls}, or plaintext when it is null. */
  public static PostgresServer start(Tls tls) {
    Path bin = LocalTools.postgresBin();
    PostgresServer server;
    try {
      server = new PostgresServer(bin, Files.createTempDirectory("hub-pg"), tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      server.initialise();
      if (tls != null) {
        server.requireTls();
      }
      server.startCluster();
      server.createDatabase();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /**
   * User, password and the driver's TLS properties, as the hub connects (its HUB_DB_SSL* are these
   * properties).
   */
  public Properties hubConnectionProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", password);
    // HUB_DB_SSLMODE is the driver's sslmode, and so on.
    hubTlsEnvironment()
        .forEach(
            (variable, value) ->
                properties.setProperty(variable.replace("HUB_DB_", "").toLowerCase(), value));
    return properties;
  }

  /**
   * The HUB_DB_SSL* variables with which the hub connects to this server: verify-full against the
   * authority, and the hub's client certificate when the server asks for one; none without TLS.
   */
  public Map<String, String> hubTlsEnvironment() {
    if (tls == null) {
      return Map.of();
    }
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("HUB_DB_SSLMODE", "verify-full");
    environment.put("HUB_DB_SSLROOTCERT", tls.authority().certificate().toString());
    if (hubCertificate != null) {
      environment.put("HUB_DB_SSLCERT", hubCertificate.certificate().toString());
      environment.put("HUB_DB_SSLKEY", hubKey.toString());
    }
    return environment;
  }

  @Override
  public void close() {
    if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
      Commands.run(
          directory,
          COMMAND_TIMEOUT,
          asOwner(pg("pg_ctl"), "-D", dataDirectory().toString(), "-m", "fast", "-w", "stop"));
    }
    Directories.deleteRecursively(directory);
  }

  private void initialise() {
    try {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
      if (runningAsRoot()) {
        chownToPostgres(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    require(
        asOwner(
            pg("initdb"),
            "-D",
            dataDirectory().toString(),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync"));
  }

  /**
   * The server's certificate in the data directory, as its owner's; pg_hba.conf with hostssl lines
   * only.
   */
  private void requireTls() {
    IssuedCertificate server =
        tls.authority().issueServer("postgres", TestCertificateAuthority.LOOPBACK);
    String clientCertificate = "";
    if (tls.clientCertificates()) {
      clientCertificate = " clientcert=verify-ca";
      hubCertificate = tls.authority().issueClient("hub-store-client");
      hubKey = hubCertificate.pkcs8DerKey();
    }
    try {
      copyAsOwner(server.certificate(), "server.crt");
      copyAsOwner(server.privateKey(), "server.key");
      copyAsOwner(tls.authority().certificate(), "ca.pem");
      Files.writeString(
          dataDirectory().resolve("pg_hba.conf"),
          "local all all trust\n"
              + "hostssl all all 127.0.0.1/32 scram-sha-256"
              + clientCertificate
              + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void copyAsOwner(Path source, String name) throws IOException {
    Path target = dataDirectory().resolve(name);
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    // PostgreSQL refuses a key others can read.
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    if (runningAsRoot()) {
      chownToPostgres(target);
    }
  }

  private void startCluster() {
    List<String> tlsOptions =
        tls == null
            ? List.of()
            : List.of(
                "-c", "ssl=on",
                "-c", "ssl_cert_file=server.crt",
                "-c", "ssl_key_file=server.key",
                "-c", "ssl_ca_file=ca.pem");
    String options =
        String.join(
            " ",
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-k",
            directory.toString(),
            // A test cluster: durability is not under test, and speed is welcome.
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            String.join(" ", tlsOptions));
    List<String> start =
        asOwner(
            pg("pg_ctl"),
            "-D",
            dataDirectory().toString(),
            "-l",
            serverLog().toString(),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start");
    Commands.Result result = Commands.run(directory, COMMAND_TIMEOUT, start);
    if (!result.ok()) {
      throw new IllegalStateException(
          "pg_ctl start failed:\n" + result.output() + "\n" + ChildProcesses.tail(serverLog(), 40));
    }
  }

  /**
   * Runs SQL as the cluster's superuser (over its socket, as a DBA would with psql) in a database:
   * creating users, granting. Several statements run in one transaction.
   */
  public void runAsSuperuser(String database, String sql) {
    psql(database, sql);
  }

  private void createDatabase() {
    psql("postgres", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
    psql("postgres", "CREATE DATABASE " + DATABASE + " OWNER " + USER);
  }

  private void psql(String database, String sql) {
    require(
        asOwner(
            pg("psql"),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            directory.toString(),
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-c",
            sql));
  }

  private void require(List<String> command) {
    Commands.Result result = Commands.run(directory, COMMAND_TIMEOUT, command);
    if (!result.ok()) {
      String tool =
          command.stream()
              .filter(part -> part.startsWith(bin.toString()))
              .findFirst()
              .orElseThrow();
      throw new IllegalStateException(
          tool + " failed with " + result.exitCode() + ":\n" + result.output());
    }
  }

  private Path dataDirectory() {
    return directory.resolve("data");
  }

  private Path serverLog() {
    return directory.resolve("postgres.log");
  }

  private String pg(String tool) {
    return bin.resolve(tool).toString();
  }

  private static List<String> asOwner(String... command) {
    List<String> full = new ArrayList<>();
    if (runningAsRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void chownToPostgres(Path path) throws IOException {
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    view.setOwner(users.lookupPrincipalByName("postgres"));
    view.setGroup(users.lookupPrincipalByGroupName("postgres"));
  }

  static String randomPassword() {
    String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      password.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return password.toString();
  }
}
