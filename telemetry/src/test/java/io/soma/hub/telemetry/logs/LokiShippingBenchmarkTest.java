package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.testing.logs.VictoriaLogs;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hub bench logs}: what the Loki appender ships and what it costs a request. First a burst
 * measures the lines per second that reach Loki. Then a server whose requests log 4 lines each is
 * warmed up (at four times the rate, then through a 10 s outage) and loaded at 250 requests/s
 * (1,000 lines/s): while the store is up, through a 60 s outage (its process stopped, connections
 * refused), while the appender catches up after it, and while the store is up again. Prints the
 * lines lost and the p99 request latency of each phase, and last {@code ratio=<p99 Loki down / p99
 * Loki up>} (target at most 1.1), where "up" is the phases before and after the outage together:
 * the process still gets faster while it runs (JIT), and an "up" taken only before the outage would
 * flatter the outage. The store is VictoriaLogs, which takes Loki's push API, in a process of its
 * own.
 */
@Tag("bench")
class LokiShippingBenchmarkTest {

  private static final int LINES_PER_REQUEST = 4;
  private static final int CLIENTS = 4;
  private static final Duration REQUEST_INTERVAL =
      Duration.ofMillis(16); // per client: 4 x 62.5 = 250 requests/s
  // Four times the measured rate: compiles the request path sooner, within what the appender ships
  // without drops.
  private static final Duration WARM_UP_INTERVAL = Duration.ofMillis(4);
  private static final int BURST_LINES = Integer.getInteger("bench.logs.burst", 50_000);
  private static final Duration WARM_UP = Duration.ofSeconds(20);
  private static final Duration UP = Duration.ofSeconds(Long.getLong("bench.logs.up-seconds", 30));
  private static final long OUTAGE_SECONDS = Long.getLong("bench.logs.outage-seconds", 60);
  private static final Duration GONE = Duration.ofSeconds(OUTAGE_SECONDS);
  private static final Duration CATCH_UP = Duration.ofSeconds(10);
  private static final Duration WARM_UP_OUTAGE = Duration.ofSeconds(5);

  @Test
  void linesShippedAndRequestLatencyAcrossAnOutage(@TempDir Path storeFiles) throws Exception {
    List<String> report = new ArrayList<>();
    try (VictoriaLogs store = VictoriaLogs.startIn(storeFiles);
        AppenderMeters meters = new AppenderMeters()) {
      String appender;
      List<String> failedRequests;
      int served;
      Phase upBefore;
      Phase gone;
      Phase catchUp;
      Phase upAfter;
      try (ShippingLogger shipping =
              new ShippingLogger(store.lokiUrl(), LokiBudget.SIXTY_SECOND_OUTAGE);
          LoggingHttpServer server = new LoggingHttpServer(shipping.logger, LINES_PER_REQUEST)) {
        appender = shipping.name;
        report.add(
            String.format(
                Locale.ROOT,
                "shipped: %.0f lines/s (%d lines, burst from 2 threads)",
                burst(shipping, meters),
                BURST_LINES));

        Load load = new Load(server);
        load.run(WARM_UP, WARM_UP_INTERVAL);
        // A short outage first: its first time, the appender's failure paths (refused connections,
        // retries) are
        // compiled, and the C2 compiler then took most of a core; the measured outage is the steady
        // state.
        store.stop();
        load.run(WARM_UP_OUTAGE, REQUEST_INTERVAL);
        store.start();
        load.run(CATCH_UP, REQUEST_INTERVAL);
        upBefore = Phase.measure(load, server, UP);
        store.stop();
        gone = Phase.measure(load, server, GONE);
        store.start();
        catchUp = Phase.measure(load, server, CATCH_UP);
        upAfter = Phase.measure(load, server, UP);
        load.close();
        failedRequests = load.failures;
        served = server.lines();
        // Everything logged reaches Loki before the appender is stopped, whose drain is bounded.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (meters.unsent(appender) > 0 && System.nanoTime() < deadline) {
          LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
      }
      // Closing drained the appender: what is not in the store now is lost.
      BitSet received = new BitSet(served);
      for (StoredLine line : StoredLine.of(store)) {
        if (line.message().contains("of the benchmark")) {
          received.set(line.sequence());
        }
      }
      long lost = served - received.cardinality();
      List<Long> up = concat(upBefore.requests(), upAfter.requests());
      List<Long> down = gone.requests();
      double p99Up = p99(up);
      double p99Down = p99(down);
      report.add(
          String.format(
              Locale.ROOT,
              "outage run: %d request lines logged (1,000/s, 4,000/s in the warm-up),"
                  + " %d lost, %.0f dropped (queue full), %.0f batches given up",
              served,
              lost,
              meters.dropped(appender),
              meters.batchesLost(appender)));
      report.add(
          String.format(
              Locale.ROOT,
              "requests failed: %d%s",
              failedRequests.size(),
              failedRequests.isEmpty() ? "" : " (first: " + failedRequests.get(0) + ")"));
      report.add(
          String.format(
              Locale.ROOT,
              "request p99: %.2f ms with the store up (%d requests), %.2f ms with it down (%d)",
              p99Up / 1e6,
              up.size(),
              p99Down / 1e6,
              down.size()));
      List<Phase> phases = List.of(upBefore, gone, catchUp, upAfter);
      report.add("p99 by phase (store up, stopped, back while the appender catches up, up again):");
      report.add(
          "  request: "
              + String.join(
                  ", ",
                  phases.stream()
                      .map(
                          phase ->
                              String.format(Locale.ROOT, "%.2f ms", p99(phase.requests()) / 1e6))
                      .toList()));
      report.add(
          "  the request's "
              + LINES_PER_REQUEST
              + " log calls: "
              + String.join(
                  ", ",
                  phases.stream()
                      .map(
                          phase ->
                              String.format(Locale.ROOT, "%.0f µs", p99(phase.logging()) / 1e3))
                      .toList()));
      double logCallsUp = p99(concat(upBefore.logging(), upAfter.logging()));
      double logCallsDown = p99(gone.logging());
      report.add(
          String.format(
              Locale.ROOT,
              "log calls p99: %.0f µs with the store up, %.0f µs with it down (ratio %.2f)",
              logCallsUp / 1e3,
              logCallsDown / 1e3,
              logCallsDown / logCallsUp));
      report.add(String.format(Locale.ROOT, "ratio=%.2f", p99Down / p99Up));
      report.forEach(System.out::println);
      Path result = Path.of("target/bench/logs-ratio");
      Files.createDirectories(result.getParent());
      Files.write(result, report);
      assertThat(lost).isZero();
      assertThat(failedRequests).isEmpty();
    }
  }

  /**
   * A measured phase: the client's latency of each answered request, and how long its log calls
   * took.
   */
  private record Phase(List<Long> requests, List<Long> logging) {

    static Phase measure(Load load, LoggingHttpServer server, Duration duration)
        throws InterruptedException {
      server.takeLoggingNanos();
      List<Long> requests = load.run(duration, REQUEST_INTERVAL);
      return new Phase(requests, server.takeLoggingNanos());
    }
  }

  /** Lines per second from the first log call until loki4j has sent the last of them. */
  private static double burst(ShippingLogger shipping, AppenderMeters meters)
      throws InterruptedException {
    long start = System.nanoTime();
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      int first = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = first; i < BURST_LINES; i += threads.length) {
                  shipping.logger.info(
                      "burst line {} for the shipping rate: session accepted, workflow started", i);
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    while (meters.unsent(shipping.name) > 0) {
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    return BURST_LINES / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Clients sending on a fixed schedule; a latency runs from the request's due time, so a stall is
   * not hidden.
   */
  private static final class Load implements AutoCloseable {
    private final LoggingHttpServer server;
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private int session;

    Load(LoggingHttpServer server) {
      this.server = server;
    }

    /**
     * Each client sends one request per interval for the duration; returns the latencies of the
     * answered ones.
     */
    List<Long> run(Duration duration, Duration interval) throws InterruptedException {
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      int firstSession = session;
      session += (int) (duration.toMillis() / interval.toMillis() + 1) * CLIENTS;
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        running.add(
            clients.submit(
                () -> {
                  long due = start + client * interval.toNanos() / CLIENTS;
                  for (int n = 0; due < end; n++, due += interval.toNanos()) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                    }
                    String id =
                        "5d0c6f1e-7a47-4c1b-9f0e-"
                            + String.format("%012d", firstSession + n * CLIENTS + client);
                    try {
                      HttpResponse<Void> response =
                          http.send(
                              HttpRequest.newBuilder(server.uri(id)).build(),
                              HttpResponse.BodyHandlers.discarding());
                      if (response.statusCode() == 200) {
                        latencies.add(System.nanoTime() - due);
                      } else {
                        failures.add("status " + response.statusCode());
                      }
                    } catch (IOException e) {
                      failures.add(e.toString());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                }));
      }
      for (var client : running) {
        try {
          client.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(
              "a client of a "
                  + duration.toSeconds()
                  + " s phase was still sending 60 s after its end",
              e);
        }
      }
      return latencies;
    }

    @Override
    public void close() {
      clients.shutdownNow();
    }
  }

  private static List<Long> concat(List<Long> first, List<Long> second) {
    List<Long> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  private static double p99(List<Long> latencies) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
  }
}
