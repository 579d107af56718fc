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
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per tenant and type: drops redelivered events, then counts the others per event-time minute, in
 * one keyed function (once a de-duplication followed by Flink's window operator).
 *
 * <p><b>De-duplication.</b> The first copy of an id passes, later copies within the horizon are
 * dropped and counted. The producers publish at least once with stable ids, so a copy is a
 * redelivery, never a different event, and it carries the same tenant and type as the first copy.
 * That is why the ids can be remembered per tenant and type, in the stream that is keyed by them
 * for the counts anyway: every copy of an id comes to the same key, and the events cross one keyed
 * exchange instead of one by id and another by tenant and type. Per tenant and type, a map from id
 * to the processing time of its first copy; an id is a duplicate while {@code now - first <
 * horizon}, exactly when Flink's state TTL (processing time, written once) would still have
 * returned it. Flink's TTL is not used: on the heap backend its background cleanup rewrites a whole
 * map per visited key, and these maps hold every id of an hour. Instead a processing-time timer per
 * key, at most every quarter of the horizon, removes the expired ids, so the state holds the ids of
 * one horizon and a quarter at most. A key's next sweep is registered once, not at every event
 * (registering an existing timer again is a no-op, but a costly one: an object and a hash lookup).
 *
 * <p><b>Counts.</b> What a tumbling event-time window with an incremental count, no allowed
 * lateness and a late-data side output does, without the window operator's per-event window objects
 * and two timer registrations: per tenant and type, a map from the start of a minute to its count
 * so far. An event whose minute has already closed (the minute's last millisecond is at or below
 * the watermark) is late: it goes to the late output, is in no count, and its id is still
 * remembered (as the window operator after the de-duplication did). An event-time timer at a
 * minute's last millisecond, registered with the minute's first event, emits the count and forgets
 * it, once the watermark passes the minute's end. Minutes are floored (also before 1970, where
 * Flink's window assigner would put an event in the minute after its own).
 */
final class CountDistinctPerMinute
    extends KeyedProcessFunction<TenantType, CloudEvent, WindowCount> {

  static final String DUPLICATE_METRIC = "duplicate_events";

  /**
   * Id to the processing time of its first copy, per tenant and type; ids are most of the job's
   * state.
   */
  static final MapStateDescriptor<String, Long> FIRST_SEEN =
      new MapStateDescriptor<>(
          "first-seen", CompactStringSerializer.INSTANCE, LongSerializer.INSTANCE);

  /** Start of a minute (epoch milliseconds) to its count so far, per tenant and type. */
  static final MapStateDescriptor<Long, Long> MINUTES =
      new MapStateDescriptor<>("minute-counts", LongSerializer.INSTANCE, LongSerializer.INSTANCE);

  private final long horizonMillis;
  private final long sweepMillis;
  private final long windowMillis;
  private final OutputTag<CloudEvent> late;
  private transient MapState<String, Long> firstSeen;
  private transient MapState<Long, Long> minutes;
  private transient Counter duplicates;

  /**
   * The sweep timer this instance last registered per key. Only an optimisation: registered timers
   * are in Flink's timer service (and its checkpoints); after a restore this starts empty and each
   * key registers its sweep once more, which the timer service merges with the restored one.
   */
  private transient Map<TenantType, Long> sweepRegistered;

  CountDistinctPerMinute(Duration horizon, Duration window, OutputTag<CloudEvent> late) {
    this.horizonMillis = horizon.toMillis();
    this.sweepMillis = Math.max(1, horizonMillis / 4);
    this.windowMillis = window.toMillis();
    this.late = late;
  }

  @Override
  public void open(OpenContext context) {
    firstSeen = getRuntimeContext().getMapState(FIRST_SEEN);
    minutes = getRuntimeContext().getMapState(MINUTES);
    duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATE_METRIC);
    sweepRegistered = new HashMap<>();
  }

  @Override
  public void processElement(CloudEvent event, Context context, Collector<WindowCount> out)
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

    long time = event.timeMillis();
    long start = time - Math.floorMod(time, windowMillis);
    long last = start + windowMillis - 1;
    if (last <= context.timerService().currentWatermark()) {
      context.output(late, event);
      return;
    }
    Long count = minutes.get(start);
    if (count == null) {
      minutes.put(start, 1L);
      context.timerService().registerEventTimeTimer(last);
    } else {
      minutes.put(start, count + 1);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<WindowCount> out)
      throws Exception {
    if (context.timeDomain() == TimeDomain.EVENT_TIME) {
      long start = timestamp + 1 - windowMillis;
      Long count = minutes.get(start);
      if (count != null) {
        minutes.remove(start);
        TenantType key = context.getCurrentKey();
        out.collect(new WindowCount(key.tenant(), key.type(), start, start + windowMillis, count));
      }
      return;
    }
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
