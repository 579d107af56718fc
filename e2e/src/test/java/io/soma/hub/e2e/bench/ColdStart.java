package io.soma.hub.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One scale-from-zero start: the process is executed, then the call is tried every 10 ms until it
 * succeeds. The figure is exec to first successful answer, what a user waiting on a scaled-to-zero
 * service sees, and the resident memory right after it.
 */
final class ColdStart {

  /**
   * Exec to first successful call, the resident memory then, and the CPU time the process had used
   * by then.
   */
  record Figures(double firstCallMillis, long rssKilobytes, double cpuMillis) {}

  /**
   * Linux's USER_HZ, the unit of /proc/PID/stat's CPU times, on every architecture the hub runs on.
   */
  private static final double MILLIS_PER_TICK = 10;

  /**
   * The call a user makes: method, path, body (null for none) and the statuses that mean success.
   */
  record Call(String method, String path, String body, Set<Integer> success) {

    Call(String method, String path, String body, int success) {
      this(method, path, body, Set.of(success));
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private static final Duration GIVE_UP = Duration.ofMinutes(2);

  private ColdStart() {}

  static Figures measure(
      FunctionLaunch launch,
      Map<String, String> environment,
      int port,
      Call call,
      String token,
      Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(launch.command()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("PORT", Integer.toString(port));
    HttpRequest request = request(port, call, token);
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      while (true) {
        if (succeeds(request, call)) {
          double millis = (System.nanoTime() - start) / 1e6;
          return new Figures(millis, residentKilobytes(process.pid()), cpuMillis(process.pid()));
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              launch.label() + " exited with " + process.exitValue() + "; see " + log);
        }
        if (System.nanoTime() - start > GIVE_UP.toNanos()) {
          throw new IllegalStateException(
              launch.label() + " gave no successful answer in " + GIVE_UP + "; see " + log);
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      stop(process);
    }
  }

  private static HttpRequest request(int port, Call call, String token) {
    HttpRequest.BodyPublisher body =
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body());
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(call.method(), body)
        .build();
  }

  private static boolean succeeds(HttpRequest request, Call call) throws InterruptedException {
    try {
      return call.success()
          .contains(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  private static long residentKilobytes(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
          .findFirst()
          .orElse(-1L);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * User and system time of the process (fields 14 and 15 of /proc/PID/stat, after the command's
   * parenthesis).
   */
  private static double cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
