package io.soma.hub.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway PostgreSQL cluster: initdb into a temporary directory, listening on 127.0.0.1 and a free port only,
 * with a database {@code hub} owned by a password-authenticated role {@code hub}, as in a cluster deployment.
 *
 * <p>PostgreSQL refuses to run as root, so as root the cluster belongs to the {@code postgres} OS user.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String DATABASE = "hub";
  public static final String USER = "hub";
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final Path bin;
  private final Path directory;
  private final int port;
  private final String password;

  private PostgresServer(Path bin, Path directory) {
    this.bin = bin;
    this.directory = directory;
    this.port = Ports.free();
    this.password = randomPassword();
  }

  public static PostgresServer start() {
    Path bin = LocalTools.postgresBin();
    PostgresServer server;
    try {
      server = new PostgresServer(bin, Files.createTempDirectory("hub-pg"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      server.initialise();
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
            "-D", dataDirectory().toString(),
            "-U", "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E", "UTF8",
            "--no-locale",
            "--no-sync"));
  }

  private void startCluster() {
    String options =
        String.join(
            " ",
            "-p", Integer.toString(port),
            "-c", "listen_addresses=127.0.0.1",
            "-k", directory.toString(),
            // A test cluster: durability is not under test, and speed is welcome.
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off");
    List<String> start =
        asOwner(
            pg("pg_ctl"),
            "-D", dataDirectory().toString(),
            "-l", serverLog().toString(),
            "-o", options,
            "-w", "-t", "60",
            "start");
    Commands.Result result = Commands.run(directory, COMMAND_TIMEOUT, start);
    if (!result.ok()) {
      throw new IllegalStateException(
          "pg_ctl start failed:\n" + result.output() + "\n" + ChildProcesses.tail(serverLog(), 40));
    }
  }

  /**
   * Runs SQL as the cluster's superuser (over its socket, as a DBA would with psql) in a database: creating users,
   * granting. Several statements run in one transaction.
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
            "-X", "-q",
            "-v", "ON_ERROR_STOP=1",
            "-h", directory.toString(),
            "-p", Integer.toString(port),
            "-U", "postgres",
            "-d", database,
            "-c", sql));
  }

  private void require(List<String> command) {
    Commands.Result result = Commands.run(directory, COMMAND_TIMEOUT, command);
    if (!result.ok()) {
      String tool = command.stream().filter(part -> part.startsWith(bin.toString())).findFirst().orElseThrow();
      throw new IllegalStateException(tool + " failed with " + result.exitCode() + ":\n" + result.output());
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

  private static void chownToPostgres(Path directory) throws IOException {
    UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
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
