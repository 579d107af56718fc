package io.soma.hub.flink.kafka;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * One timed run of a benchmark path: events, wall time, the CPU time this JVM used meanwhile (the
 * broker's is not in it), the counts it found as count lines, and the events it did not count (the
 * job's late events and dead letters as they were written; the raw path counts everything).
 */
record BenchRun(
    long events,
    double seconds,
    double cpuSeconds,
    List<String> countLines,
    List<String> uncounted) {

  BenchRun(long events, double seconds, double cpuSeconds, List<String> countLines) {
    this(events, seconds, cpuSeconds, countLines, List.of());
  }

  double eventsPerSecond() {
    return events / seconds;
  }

  double cpuMicrosPerEvent() {
    return cpuSeconds * 1e6 / events;
  }

  /** CPU time of this JVM so far, all threads. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
