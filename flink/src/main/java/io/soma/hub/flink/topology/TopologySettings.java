package io.soma.hub.flink.topology;

import java.io.Serializable;
import java.time.Duration;

/**
 * The knobs of the event-time semantics.
 *
 * @param outOfOrderness how far behind the newest event an event may arrive and still be counted in
 *     its minute
 * @param idleness after how long without events a source split stops holding the watermark back
 * @param dedupHorizon how long (processing time) an event id is remembered to drop redelivered
 *     copies
 * @param maxMetricSeries per subtask, how many tenant and type pairs get their own per-minute
 *     metric series; the rest share one overflow series so that a flood of tenants cannot flood
 *     Prometheus
 */
public record TopologySettings(
    Duration outOfOrderness, Duration idleness, Duration dedupHorizon, int maxMetricSeries)
    implements Serializable {

  public static final TopologySettings DEFAULTS =
      new TopologySettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), 500);

  public TopologySettings {
    requirePositive(outOfOrderness, "out-of-orderness", true);
    requirePositive(idleness, "idleness", false);
    requirePositive(dedupHorizon, "dedup horizon", false);
    if (maxMetricSeries < 1) {
      throw new IllegalArgumentException(
          "max metric series must be at least 1, was " + maxMetricSeries);
    }
  }

  private static void requirePositive(Duration value, String name, boolean zeroAllowed) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(
          name + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", was " + value);
    }
  }
}
