package io.soma.hub.e2e.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one path (gateway or raw) over its measured rounds: rates are medians of the
 * rounds, latencies percentiles of all its starts, CPU per session the sum over the rounds divided
 * by the sessions.
 */
record PathFigures(
    String path,
    int sessions,
    double acceptedPerSecond,
    double minAcceptedPerSecond,
    double maxAcceptedPerSecond,
    double p50Millis,
    double p99Millis,
    double completedPerSecond,
    Duration untilAllClosed,
    Map<String, Double> cpuMillisPerSession,
    Map<String, Double> jitMillisPerSession,
    double otherCores) {

  static PathFigures of(String path, List<Round> rounds) {
    List<Double> rates = rounds.stream().map(r -> r.starts().perSecond()).toList();
    long[] latencies =
        rounds.stream().flatMapToLong(r -> Arrays.stream(r.starts().latencyNanos())).toArray();
    int sessions = rounds.stream().mapToInt(Round::sessions).sum();
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Double> jit = new LinkedHashMap<>();
    for (Round round : rounds) {
      round
          .acceptCpu()
          .byProcess()
          .forEach((name, used) -> cpu.merge(name, millis(used), Double::sum));
      round
          .acceptCpu()
          .jitByProcess()
          .forEach((name, used) -> jit.merge(name, millis(used), Double::sum));
    }
    cpu.replaceAll((name, total) -> total / sessions);
    jit.replaceAll((name, total) -> total / sessions);
    return new PathFigures(
        path,
        sessions,
        Stats.median(rates),
        rates.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
        rates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
        Stats.percentileMillis(latencies, 50),
        Stats.percentileMillis(latencies, 99),
        Stats.median(rounds.stream().map(Round::completedPerSecond).toList()),
        rounds.stream().map(Round::untilAllClosed).reduce(Duration.ZERO, Duration::plus),
        cpu,
        jit,
        rounds.stream().mapToDouble(r -> r.acceptCpu().otherCores()).average().orElse(Double.NaN));
  }

  double cpuMillisPerSessionTotal() {
    return cpuMillisPerSession.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
