package io.soma.hub.e2e.bench;

import java.util.ArrayList;
import java.util.List;

/** One store's figures: both paths, and the gateway's against the raw baseline of the same run. */
record StoreFigures(
    String store,
    Revision revision,
    PathFigures gateway,
    PathFigures raw,
    double pairedRatio,
    int workflows,
    List<String> failures,
    CompletionFigures completions) {

  static StoreFigures of(StoreRun.Result result) {
    List<Double> pairs = new ArrayList<>();
    for (int i = 0; i < Math.min(result.gateway().size(), result.raw().size()); i++) {
      pairs.add(
          result.gateway().get(i).starts().perSecond() / result.raw().get(i).starts().perSecond());
    }
    return new StoreFigures(
        result.store(),
        result.revision(),
        PathFigures.of("gateway", result.gateway()),
        PathFigures.of("raw", result.raw()),
        Stats.median(pairs),
        result.workflows(),
        result.failures(),
        CompletionFigures.of(result.completions()));
  }

  /** Issue 2's figure: the gateway's median accept rate over the raw client's median start rate. */
  double acceptRatio() {
    return gateway.acceptedPerSecond() / raw.acceptedPerSecond();
  }
}
