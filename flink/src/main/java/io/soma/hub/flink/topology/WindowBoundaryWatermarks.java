package io.soma.hub.flink.topology;

import io.soma.hub.flink.events.CloudEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks (newest event time minus the bound, minus 1 ms), emitted
 * periodically as usual and, in addition, at once when the watermark crosses a window boundary.
 * Whether an event is late depends only on which side of a boundary the watermark is, so lateness
 * is decided by the events' order alone, not by when the periodic timer happened to fire; that
 * costs one extra watermark per window length of event time.
 */
final class WindowBoundaryWatermarks implements WatermarkGenerator<CloudEvent> {

  private final long outOfOrdernessMillis;
  private final long windowMillis;
  private long maxTimestamp;
  private long emittedWindow = Long.MIN_VALUE;

  WindowBoundaryWatermarks(long outOfOrdernessMillis, long windowMillis) {
    this.outOfOrdernessMillis = outOfOrdernessMillis;
    this.windowMillis = windowMillis;
    // Start so that the first watermark cannot underflow.
    this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
  }

  @Override
  public void onEvent(CloudEvent event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp <= maxTimestamp) {
      return;
    }
    maxTimestamp = eventTimestamp;
    // A window [start, start + size) closes once the watermark reaches start + size - 1, i.e. once
    // watermark + 1 enters the next window; emit when that window index moves.
    long window = Math.floorDiv(watermark() + 1, windowMillis);
    if (window != emittedWindow) {
      emittedWindow = window;
      output.emitWatermark(new Watermark(watermark()));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(watermark()));
  }

  private long watermark() {
    return maxTimestamp - outOfOrdernessMillis - 1;
  }
}
