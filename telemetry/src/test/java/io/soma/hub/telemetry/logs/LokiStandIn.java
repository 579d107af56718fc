package io.soma.hub.telemetry.logs;

import io.soma.hub.telemetry.logs.LokiPushCapture.PushedLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link LokiStandInMain} as a child JVM on a fixed free port: it accepts, answers 503, goes away (the process is
 * killed, connections are refused) and comes back on the same port; {@link #lines()} decodes what it accepted.
 */
final class LokiStandIn implements AutoCloseable {

  private final int port;
  private final Path accepted;
  private final HttpClient control = HttpClient.newHttpClient();
  private Process process;

  LokiStandIn(Path directory) {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    accepted = directory.resolve("accepted-pushes.jsonl");
    start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** From now on every push gets this status. */
  void answer(int status) {
    try {
      HttpResponse<Void> response = control.send(
          HttpRequest.newBuilder(baseUrl().resolve("/status?" + status)).POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 204) {
        throw new IllegalStateException("the Loki stand-in refused status " + status + ": " + response.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Loki is gone: the process is killed, connections to its port are refused. */
  void stop() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Loki is back on the same port, accepting. */
  void restart() {
    start();
  }

  /** Every line Loki accepted (2xx), in the order of the pushes. */
  List<PushedLine> lines() throws IOException {
    List<PushedLine> lines = new ArrayList<>();
    for (String push : Files.readAllLines(accepted, StandardCharsets.UTF_8)) {
      if (!push.isBlank()) {
        lines.addAll(LokiPushCapture.decode(push));
      }
    }
    return lines;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private void start() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      process = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
              LokiStandInMain.class.getName(), Integer.toString(port), accepted.toString())
          .redirectErrorStream(true)
          .start();
      BufferedReader output =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = output.readLine();
      if (!"ready".equals(first)) {
        process.destroyForcibly();
        throw new IllegalStateException("the Loki stand-in did not start: " + first);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
