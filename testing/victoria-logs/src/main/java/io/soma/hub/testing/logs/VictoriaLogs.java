package io.soma.hub.testing.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * VictoriaLogs on a free loopback port with its data in a folder of the caller: the log store the
 * hub's Loki appender ships to in the tests. It takes Loki's push API at {@code
 * /insert/loki/api/v1/push} and answers LogsQL. A {@link #stop()} is a real process stop
 * (connections are refused); {@link #start()} brings it back on the same port and data, as a
 * restarted log store comes back.
 */
public final class VictoriaLogs implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(30);

  private final Path binary;
  private final Path directory;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Process process;

  private VictoriaLogs(Path binary, Path directory, int port) {
    this.binary = binary;
    this.directory = directory;
    this.port = port;
  }

  /** Started and healthy, its data under {@code directory}. */
  public static VictoriaLogs startIn(Path directory) {
    VictoriaLogs logs = new VictoriaLogs(VictoriaLogsBinary.find(), directory, freePort());
    logs.start();
    return logs;
  }

  /**
   * The value for the hub's {@code LOKI_URL}: the push path with {@code _msg_field=message}, so
   * that the hub's JSON lines are stored as fields with their {@code message} as the log message.
   */
  public URI lokiUrl() {
    return baseUrl().resolve("/insert/loki/api/v1/push?_msg_field=message");
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Starts the process, or starts it again after {@link #stop()}, and waits until it answers its
   * health check.
   */
  public void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("VictoriaLogs is already running on port " + port);
    }
    try {
      Files.createDirectories(directory);
      process =
          new ProcessBuilder(
                  binary.toString(),
                  "-httpListenAddr=127.0.0.1:" + port,
                  "-storageDataPath=" + directory.resolve("data"),
                  "-retentionPeriod=7d",
                  "-loggerLevel=WARN")
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(directory.resolve("victoria-logs.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + READY.toNanos();
    while (!healthy()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "VictoriaLogs did not become healthy on port "
                + port
                + "; see "
                + directory.resolve("victoria-logs.log"));
      }
      sleep(Duration.ofMillis(20));
    }
  }

  /**
   * Stops the process (SIGTERM, as an orchestrator stops it); its port refuses connections until
   * {@link #start()}.
   */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The stored log entries that match a LogsQL query, each one JSON object of its fields ({@code
   * _msg}, {@code _time}, {@code _stream}, the stream's labels and every other field). Recently
   * pushed lines are flushed first, so they are all visible. Order is not defined unless the query
   * sorts ({@code | sort by (_time)}).
   */
  public List<String> query(String logsql) {
    flush();
    String body =
        send(
            HttpRequest.newBuilder(baseUrl().resolve("/select/logsql/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "query=" + URLEncoder.encode(logsql, StandardCharsets.UTF_8))));
    return body.lines().filter(line -> !line.isBlank()).toList();
  }

  /**
   * A sample of VictoriaLogs' own {@code /metrics}, e.g. {@code
   * vl_bytes_ingested_total{type="loki_json"}}; 0 if absent.
   */
  public double metric(String series) {
    String prefix = series + " ";
    return send(HttpRequest.newBuilder(baseUrl().resolve("/metrics")).GET())
        .lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()).trim()))
        .findFirst()
        .orElse(0);
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      stop();
    }
  }

  /**
   * Makes what was ingested searchable now rather than within the second VictoriaLogs otherwise
   * takes.
   */
  private void flush() {
    send(HttpRequest.newBuilder(baseUrl().resolve("/internal/force_flush")).GET());
  }

  private boolean healthy() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(baseUrl().resolve("/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "VictoriaLogs answered "
                + response.statusCode()
                + " to "
                + response.request().uri()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
