package io.soma.hub.e2e.bench;

import java.time.Instant;
import java.util.List;

/**
 * What one closed-loop run of starts gave: when it began, how long it took, the latency of each
 * answered start, the workflow ids started and the starts that failed.
 */
record Starts(
    Instant startedAt,
    long elapsedNanos,
    long[] latencyNanos,
    List<String> workflowIds,
    List<String> failures) {

  double perSecond() {
    return workflowIds.size() * 1e9 / elapsedNanos;
  }
}
