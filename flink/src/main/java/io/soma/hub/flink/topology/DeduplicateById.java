package io.soma.hub.flink.topology;

import io.soma.hub.flink.events.CloudEvent;
import io.soma.hub.flink.events.CompactStringSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops redelivered events: the first copy of an id passes, later copies within the horizon are
 * dropped and counted. The producers publish at least once with stable ids, so a copy is a
 * redelivery, never a different event, and it carries the same tenant and type as the first copy.
 * That is why the ids can be remembered per tenant and type, in the stream that is keyed by them
 * for the windows anyway: every copy of an id comes to the same key, and the events cross one keyed
 * exchange instead of one by id and another by tenant and type.
 *
 * <p>Per tenant and type, a map from id to the processing time of its first copy. An id is a
 * duplicate while {@code now - first < horizon}, exactly when Flink's state TTL (processing time,
 * written once) would still have returned it. Flink's TTL is not used: on the heap backend its
 * background cleanup rewrites a whole map per visited key, and these maps hold every id of an hour.
 * Instead a processing-time timer per key, at most every quarter of the horizon, removes the
 * expired ids, so the state holds the ids of one horizon and a quarter at most. A key's next sweep
 * is registered once, not at every event: registering an existing timer again changes nothing but
 * costs a timer object and a lookup in the timer service (and a state write on RocksDB).
 */
final class DeduplicateById extends KeyedProcessFunction<TenantType, CloudEvent, CloudEvent> {

  static final String DUPLICATE_METRIC = "duplicate_events";

  /**
   * Id to the processing time of its first copy, per tenant and type; ids are most of the job's
   * state.
   */
  static final MapStateDescriptor<String, Long> FIRST_SEEN =
      new MapStateDescriptor<>(
          "first-seen", CompactStringSerializer.INSTANCE, LongSerializer.INSTANCE);

  private final long horizonMillis;
  private final long sweepMillis;
  private transient MapState<String, Long> firstSeen;
  private transient Counter duplicates;

  /**
   * The sweep this instance last registered per key. Only a shortcut: registered timers are in
   * Flink's timer service and its checkpoints; after a restore this starts empty and each key
   * registers its sweep once more, which the timer service merges with the restored one.
   */
  private transient Map<TenantType, Long> sweepRegistered;

  DeduplicateById(Duration horizon) {
    this.horizonMillis = horizon.toMillis();
    this.sweepMillis = Math.max(1, horizonMillis / 4);
  }

  @Override
  public void open(OpenContext context) {
    firstSeen = getRuntimeContext().getMapState(FIRST_SEEN);
    duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATE_METRIC);
    sweepRegistered = new HashMap<>();
  }

  @Override
  public void processElement(CloudEvent event, Context context, Collector<CloudEvent> out)
      throws Exception {
    long now = context.timerService().currentProcessingTime();
    Long first = firstSeen.get(event.id());
    if (first != null && now - first < horizonMillis) {
      duplicates.inc();
      return;
    }
    firstSeen.put(event.id(), now);
    // Rounded up to the sweep interval, so that a key has a handful of timers, not one per event.
    long expiry = now + horizonMillis;
    long sweep = expiry - Math.floorMod(expiry, sweepMillis) + sweepMillis;
    TenantType key = context.getCurrentKey();
    Long registered = sweepRegistered.get(key);
    if (registered == null || registered != sweep) {
      sweepRegistered.put(key, sweep);
      context.timerService().registerProcessingTimeTimer(sweep);
    }
    out.collect(event);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<CloudEvent> out)
      throws Exception {
    long now = context.timerService().currentProcessingTime();
    Iterator<Map.Entry<String, Long>> ids = firstSeen.iterator();
    while (ids.hasNext()) {
      if (now - ids.next().getValue() >= horizonMillis) {
        ids.remove();
      }
    }
    TenantType key = context.getCurrentKey();
    Long registered = sweepRegistered.get(key);
    if (registered != null && registered <= timestamp) {
      sweepRegistered.remove(key);
    }
  }
}
