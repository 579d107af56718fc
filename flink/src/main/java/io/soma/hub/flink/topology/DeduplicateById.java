package io.soma.hub.flink.topology;

import io.soma.hub.flink.events.CloudEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by event id: the first copy of an id passes, later copies within the horizon are dropped and counted. The
 * producers publish at least once with stable ids, so a copy is a redelivery, never a different event. State TTL is
 * processing time (Flink has no event-time TTL), written once per id, so the state holds the ids of one horizon.
 */
final class DeduplicateById extends KeyedProcessFunction<String, CloudEvent, CloudEvent> {

  static final String DUPLICATE_METRIC = "duplicate_events";

  private final Duration horizon;
  private transient ValueState<Boolean> seen;
  private transient Counter duplicates;

  DeduplicateById(Duration horizon) {
    this.horizon = horizon;
  }

  @Override
  public void open(OpenContext context) {
    StateTtlConfig ttl =
        StateTtlConfig.newBuilder(horizon)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build();
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
    descriptor.enableTimeToLive(ttl);
    seen = getRuntimeContext().getState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATE_METRIC);
  }

  @Override
  public void processElement(CloudEvent event, Context context, Collector<CloudEvent> out) throws Exception {
    if (seen.value() != null) {
      duplicates.inc();
      return;
    }
    seen.update(Boolean.TRUE);
    out.collect(event);
  }
}
