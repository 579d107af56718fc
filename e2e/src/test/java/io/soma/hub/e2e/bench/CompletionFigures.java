package io.soma.hub.e2e.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Sessions completed through the gateway against the minimal workflow: completion rates (medians of
 * the rounds), the median of the per-round-pair ratios, and the start-to-result latency of single
 * runs (p50, p95).
 */
record CompletionFigures(
    double gatewayPerSecond,
    double minimalPerSecond,
    double gatewayMin,
    double gatewayMax,
    double minimalMin,
    double minimalMax,
    double pairedRatio,
    double gatewayP50Millis,
    double gatewayP95Millis,
    double minimalP50Millis,
    double minimalP95Millis,
    int rounds,
    int perRound) {

  static CompletionFigures of(CompletionRun.Result result) {
    List<Double> gateway = result.gateway().stream().map(Starts::perSecond).toList();
    List<Double> minimal = result.minimal().stream().map(Starts::perSecond).toList();
    List<Double> pairs = new ArrayList<>();
    for (int i = 0; i < Math.min(gateway.size(), minimal.size()); i++) {
      pairs.add(gateway.get(i) / minimal.get(i));
    }
    return new CompletionFigures(
        Stats.median(gateway),
        Stats.median(minimal),
        min(gateway),
        max(gateway),
        min(minimal),
        max(minimal),
        Stats.median(pairs),
        Stats.percentileMillis(result.gatewaySingles(), 50),
        Stats.percentileMillis(result.gatewaySingles(), 95),
        Stats.percentileMillis(result.minimalSingles(), 50),
        Stats.percentileMillis(result.minimalSingles(), 95),
        gateway.size(),
        result.gateway().isEmpty() ? 0 : result.gateway().get(0).workflowIds().size());
  }

  /**
   * The headline of issue 16: completed sessions per second over the minimal workflow's (target at
   * least 1.2).
   */
  double ratio() {
    return gatewayPerSecond / minimalPerSecond;
  }

  /**
   * A single session's POST-to-result p50 over the minimal workflow's start-to-result p50 (target
   * at most 1.0).
   */
  double latencyRatio() {
    return gatewayP50Millis / minimalP50Millis;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
