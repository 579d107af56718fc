package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.PostgresServer;
import io.soma.hub.e2e.support.RequiresHubJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a rate limit check adds to a request: {@code ./mvnw -pl workers,e2e -am verify
 * -De2e.excludedGroups=none -Dgroups=bench -Dtest=RateLimitCostBenchmarkTest}. Two functions
 * processes share one hub store, one with the limits on and one with {@code
 * HUB_RATE_LIMITS_ENABLED=false}; both serve {@code GET /v1/status} (no store, no Temporal: the
 * check is most of the store work a request does) to one client thread and then to eight, all of
 * one tenant (one bucket, the contended case), in rounds that alternate the processes. Printed, and
 * written to {@code e2e/target/bench/rate-limit-cost.txt}: latency percentiles of both and the mean
 * check time from {@code gateway_rate_limit_check_seconds}. Figures, never assertions.
 */
@Tag("bench")
@RequiresHubJars
class RateLimitCostBenchmarkTest {

  private static final int WARMUP = 3_000;
  private static final int ROUNDS = 6;
  private static final int PER_ROUND = 500;

  @Test
  void onTheEmbeddedDatabase() throws Exception {
    try (LocalHub hub = LocalHub.builder().start()) {
      measure("H2 file database (AUTO_SERVER, opened by the worker)", hub);
    }
  }

  @Test
  void onPostgres() throws Exception {
    try (PostgresServer postgres = PostgresServer.start();
        LocalHub hub = LocalHub.builder().store(postgres).start()) {
      measure("PostgreSQL 15 (local, fsync off)", hub);
    }
  }

  private static void measure(String store, LocalHub hub) throws Exception {
    String token = hub.tokens().mint("bench", "load");
    JsonHttp limited = hub.gateway().as(token);
    JsonHttp unlimited =
        hub.startMoreFunctions("functions-unlimited", Map.of("HUB_RATE_LIMITS_ENABLED", "false"))
            .as(token);
    for (int threads : List.of(1, 8)) {
      run(limited, WARMUP, threads);
      run(unlimited, WARMUP, threads);
      double checksBefore = sample(hub.gateway(), "_count");
      double secondsBefore = sample(hub.gateway(), "_sum");
      List<Long> on = new ArrayList<>();
      List<Long> off = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        boolean limitedFirst = round % 2 == 0;
        (limitedFirst ? on : off)
            .addAll(run(limitedFirst ? limited : unlimited, PER_ROUND, threads));
        (limitedFirst ? off : on)
            .addAll(run(limitedFirst ? unlimited : limited, PER_ROUND, threads));
      }
      double checks = sample(hub.gateway(), "_count") - checksBefore;
      double checkMillis = (sample(hub.gateway(), "_sum") - secondsBefore) / checks * 1000;
      report(
          String.format(
              "%s, %d client thread(s), %d requests each: limits on p50 %.2f ms, p99 %.2f ms; off p50 %.2f ms, p99"
                  + " %.2f ms; added at p50 %.2f ms; a check took %.2f ms on average (%,.0f checks)",
              store,
              threads,
              on.size(),
              p(on, 50),
              p(on, 99),
              p(off, 50),
              p(off, 99),
              p(on, 50) - p(off, 50),
              checkMillis,
              checks));
    }
  }

  /**
   * {@code count} requests from {@code threads} closed-loop client threads; their latencies in
   * nanoseconds.
   */
  private static List<Long> run(JsonHttp client, int count, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(
            pool.submit(
                () -> {
                  List<Long> latencies = new ArrayList<>();
                  for (int i = 0; i < count / threads; i++) {
                    long start = System.nanoTime();
                    JsonHttp.Response response = client.get("/v1/status");
                    latencies.add(System.nanoTime() - start);
                    if (response.status() != 200) {
                      throw new IllegalStateException("GET /v1/status answered " + response);
                    }
                  }
                  return latencies;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> part : parts) {
        all.addAll(part.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double p(List<Long> nanos, double percentile) {
    return Stats.percentileMillis(nanos.stream().mapToLong(Long::longValue).toArray(), percentile);
  }

  private static double sample(JsonHttp functions, String suffix) {
    String name = "gateway_rate_limit_check_seconds" + suffix;
    return functions
        .header("Accept", "text/plain")
        .get("/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static void report(String line) throws IOException {
    System.out.println(line);
    Path file = Path.of("target/bench/rate-limit-cost.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
