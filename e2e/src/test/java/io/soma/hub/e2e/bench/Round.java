package io.soma.hub.e2e.bench;

import java.time.Duration;

/**
 * One measured round on one path: its starts, the CPU used while they were accepted, and the time
 * until the last of its workflows closed, counted from the round's first request.
 */
record Round(String path, Starts starts, CpuTimes.Delta acceptCpu, Duration untilAllClosed) {

  int sessions() {
    return starts.workflowIds().size();
  }

  double completedPerSecond() {
    return sessions() / (untilAllClosed.toNanos() / 1e9);
  }
}
