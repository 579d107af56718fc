package io.soma.hub.flink.topology;

import io.soma.hub.flink.events.CloudEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts the events that arrived after their minute was already emitted (they are not in any
 * count).
 */
final class CountLateEvents extends RichMapFunction<CloudEvent, CloudEvent> {

  static final String LATE_METRIC = "late_events";

  private transient Counter late;

  @Override
  public void open(OpenContext context) {
    late = getRuntimeContext().getMetricGroup().counter(LATE_METRIC);
  }

  @Override
  public CloudEvent map(CloudEvent event) {
    late.inc();
    return event;
  }
}
